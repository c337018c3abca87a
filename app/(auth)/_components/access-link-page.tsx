import Link from 'next/link';
import { describeToken, type TokenPurpose } from '@/lib/data/invites';
import { SetPasswordForm } from './set-password-form';

const PROBLEMS = {
  invalid: 'This link is not valid. It may have been replaced by a newer one. Ask your practice to send you a new link.',
  used: 'This link has already been used. Sign in with your password, or ask your practice for a new link.',
  expired: 'This link has expired (links work for 7 days). Ask your practice to send you a new one.',
} as const;

/** The page behind an invitation or reset link: who it is for, then the new password twice. */
export async function AccessLinkPage({ token, purpose }: { token: string; purpose: TokenPurpose }) {
  const info = await describeToken(token, purpose);
  const title = purpose === 'invite' ? 'Accept your invitation' : 'Choose a new password';
  return (
    <div className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Loadline</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">{title}</h1>
      {info.state === 'valid' ? (
        <SetPasswordForm token={token} email={info.email} purpose={purpose}>
          <p className="mt-2 text-sm text-slate-700" data-testid="access-link-for">
            {purpose === 'invite' ? `${info.practiceName} invited ` : 'For '}
            <strong>{info.name}</strong> ({info.email}){purpose === 'invite' ? '. Choose a password to finish setting up your account.' : ` at ${info.practiceName}.`}
          </p>
        </SetPasswordForm>
      ) : (
        <div className="mt-4 space-y-4">
          <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{PROBLEMS[info.state]}</p>
          <Link href="/login" className="text-sm font-medium text-brand-800 hover:underline">Go to sign in</Link>
        </div>
      )}
    </div>
  );
}
