'use client';

import { useActionState, useState } from 'react';
import { signInAction } from '@/lib/actions/auth/sign-in';
import { FieldError, SubmitButton, TextField } from '@/app/_components/form';
import { keptValues } from '@/app/_components/use-server-form';

export function LoginForm() {
  const [state, action] = useActionState(signInAction, null);
  // Kept in state so the second step (the two-factor code) does not need them typed again.
  // Without JavaScript the page comes back from a refusal with the email that was sent (never
  // the password): it starts the field.
  const [email, setEmail] = useState(() => keptValues(state && !state.ok ? state.values : undefined).text('email'));
  const [password, setPassword] = useState('');
  const errors = state && !state.ok ? state.fieldErrors : {};
  const askCode = Boolean(state && !state.ok && state.step === 'code');
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <TextField label="Email" name="email" type="email" autoComplete="username" required errors={errors.email} value={email} onChange={(e) => setEmail(e.target.value)} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={errors.password} value={password} onChange={(e) => setPassword(e.target.value)} />
      {askCode && (
        <TextField
          label="Code from your authenticator app"
          name="code"
          autoComplete="one-time-code"
          inputMode="text"
          required
          autoFocus
          hint="6 digits, or one of your recovery codes."
          errors={errors.code}
        />
      )}
      {state && !state.ok && (
        <p role="alert" data-testid="login-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      )}
      <FieldError errors={errors._form} />
      <SubmitButton className="w-full" pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
