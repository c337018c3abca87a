import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/app/_components/ui';
import { homePath } from '@/lib/access/policy';
import { signOutEverywhereAction } from '@/lib/actions/auth/sign-out-everywhere';
import { requirePageActor } from '@/lib/auth/require-actor';
import { AccountShell } from './account-shell';

export const metadata: Metadata = { title: 'Your account' };

// Every role's own account page, linked from the header: who is signed in, and
// "sign out everywhere" for a lost phone or a shared computer left signed in.
export default async function AccountPage() {
  const actor = await requirePageActor();
  return (
    <AccountShell actor={actor} title="Your account" back={{ href: homePath(actor), label: 'Back to your portal' }}>
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
    </AccountShell>
  );
}
