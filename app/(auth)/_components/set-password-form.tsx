'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton, TextField } from '@/app/_components/form';
import { setPasswordAction } from '@/lib/actions/invites/set-password';
import { PASSWORD_MAX, PASSWORD_MIN, PASSWORD_POLICY } from '@/lib/validation/password';

/**
 * Choose a password (typed twice) through an invitation or reset link. The form posts to the
 * server action (so a submit before the page has hydrated is a POST, never a URL with the
 * password in it); on success the action signs the person in and sends them to their home.
 */
export function SetPasswordForm({ token, email, purpose, children }: { token: string; email: string; purpose: 'invite' | 'reset'; children?: React.ReactNode }) {
  const [state, formAction, pending] = useActionState(setPasswordAction, null);
  // Kept in state: React resets a form after its action, and a refused password should stay
  // editable rather than vanish (the policy message says what to change).
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const errors = state && !state.ok ? state.fieldErrors : {};
  if (state?.ok) {
    // Set, but the sign-in needs more than the password (a two-factor code): sign in as usual.
    return (
      <div role="status" className="mt-6 space-y-4" data-testid="password-set">
        <p className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-900">
          {purpose === 'invite' ? 'Your account is ready.' : 'Your password has been changed, and any other signed-in sessions have ended.'} Sign in with {state.data.email} and your new password.
        </p>
        <Link href="/login" className="inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Go to sign in
        </Link>
      </div>
    );
  }
  return (
    <>
    {children}
    <form action={formAction} noValidate className="mt-6 space-y-4" data-testid="set-password-form">
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers save the new password against the right login. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <div className="rounded-lg bg-slate-50 p-3 text-sm text-slate-700" id="password-policy">
        <p className="font-medium">Your password needs:</p>
        <ul className="mt-1 list-disc pl-5">
          {PASSWORD_POLICY.map((rule) => <li key={rule}>{rule}</li>)}
        </ul>
      </div>
      <TextField label="New password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN} maxLength={PASSWORD_MAX} errors={errors.password} aria-describedby="password-policy" value={password} onChange={(e) => setPassword(e.target.value)} />
      <TextField label="Type it again" name="confirm" type="password" autoComplete="new-password" maxLength={PASSWORD_MAX} errors={errors.confirm} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      <FormMessage state={state} />
      <SubmitButton className="w-full" pending={pending} pendingLabel={purpose === 'invite' ? 'Setting up your account…' : 'Saving…'}>
        {purpose === 'invite' ? 'Create my account' : 'Set new password'}
      </SubmitButton>
    </form>
    </>
  );
}
