import type { Metadata } from 'next';
import Link from 'next/link';
import { StaffShell } from '@/app/_components/app-shell';
import { Card } from '@/app/_components/ui';
import { homePath, isPatient } from '@/lib/access/policy';
import { signOutEverywhereAction } from '@/lib/actions/auth/sign-out-everywhere';
import { requirePageActor } from '@/lib/auth/require-actor';

export const metadata: Metadata = { title: 'Your account' };

// Every role's own account page, linked from the header: who is signed in, and
// "sign out everywhere" for a lost phone or a shared computer left signed in.
export default async function AccountPage() {
  const actor = await requirePageActor();
  const content = (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <Card className="space-y-1 text-sm">
        <p><span className="text-slate-500">Name: </span><span className="font-medium">{actor.name}</span></p>
        <p><span className="text-slate-500">Email: </span><span className="font-medium">{actor.email}</span></p>
      </Card>
      <Card className="space-y-2 text-sm">
        <h2 className="text-lg font-semibold">Two-factor sign-in</h2>
        <p className="text-slate-600">A code from an authenticator app on your phone, asked for at every sign-in, so a stolen password alone is not enough.</p>
        <Link href="/account/two-factor" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">Two-factor sign-in settings</Link>
      </Card>
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Signed-in devices</h2>
        <p className="text-sm text-slate-600">
          Signing out ends the session on this device only. If you left Loadline signed in on another computer or lost a phone,
          sign out everywhere: every session of your account ends at once, including this one.
        </p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="min-h-11 rounded-lg bg-red-700 px-4 text-sm font-semibold text-white hover:bg-red-800">
            Sign out everywhere
          </button>
        </form>
      </Card>
    </div>
  );
  if (!isPatient(actor)) return <StaffShell actor={actor}>{content}</StaffShell>;
  return (
    <div className="mx-auto min-h-screen max-w-xl bg-white">
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <Link href={homePath(actor)} className="text-lg font-bold text-brand-700">Loadline</Link>
        <Link href={homePath(actor)} className="min-h-11 content-center text-sm font-medium text-brand-700 underline">Back to your portal</Link>
      </header>
      <main className="px-4 py-6">{content}</main>
    </div>
  );
}
