import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { homePath } from '@/lib/access/policy';
import { getActor } from '@/lib/auth/require-actor';
import { firstValues } from '@/lib/validation/search-params';
import { LoginForm } from './login-form';
import { refusedSessionReason } from './refused-session';
import { SESSION_ENDED_MESSAGES, sessionEndedReason } from './session-ended';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  if (actor) redirect(homePath(actor));
  // Why the last session ended, when an admin or the person ended it: from our own redirect
  // (?reason=, allow-listed) or from the refused session cookie this browser still has.
  const reason = sessionEndedReason.parse(firstValues(await searchParams).reason) ?? (await refusedSessionReason());
  return (
    <div className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Loadline</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">For physios, practice staff and patients.</p>
      {reason && (
        <p role="status" data-testid="session-ended" className="mt-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {SESSION_ENDED_MESSAGES[reason]}
        </p>
      )}
      <LoginForm />
    </div>
  );
}
