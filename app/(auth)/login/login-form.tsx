'use client';

import { useActionState } from 'react';
import { signInAction } from '@/lib/actions/auth/sign-in';
import { FieldError, SubmitButton, TextField } from '@/app/_components/form';

export function LoginForm() {
  const [state, action] = useActionState(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <TextField label="Email" name="email" type="email" autoComplete="username" required errors={errors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={errors.password} />
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
