'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextField } from '@/app/_components/form';
import { confirmTwoFactorAction, startTwoFactorAction } from '@/lib/actions/auth/two-factor';

export function StartTwoFactorForm() {
  const [state, action] = useActionState(() => startTwoFactorAction(), null);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state && !state.ok ? state : null} />
      <SubmitButton>Set up two-factor sign-in</SubmitButton>
    </form>
  );
}

export function ConfirmTwoFactorForm() {
  const [state, action] = useActionState(confirmTwoFactorAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-3 text-sm" data-testid="recovery-codes">
        <p className="font-medium text-green-900">Two-factor sign-in is on.</p>
        <p>
          Keep these recovery codes somewhere safe (printed, or in a password manager). Each works once, instead of a code from
          your app, if you lose your phone. They are not shown again.
        </p>
        <ul className="grid grid-cols-2 gap-2 font-mono">
          {state.data.recoveryCodes.map((code) => (
            <li key={code} data-testid="recovery-code">{code}</li>
          ))}
        </ul>
        <Link href="/" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">Continue</Link>
      </div>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="space-y-3">
      <TextField label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required errors={errors.code} className="max-w-xs" />
      <FormMessage state={state} />
      <SubmitButton>Turn on two-factor sign-in</SubmitButton>
    </form>
  );
}
