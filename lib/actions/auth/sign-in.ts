'use server';

import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth';
import { credentialsSchema } from '@/lib/auth/verify-credentials';
import { submittedValues } from '@/lib/actions/form-values';
import { fieldErrorsOf, type ActionResult } from '@/lib/actions/result';

const GENERIC_FAILURE = 'That email and password do not match an active account.';

/** step 'code': the account uses two-factor sign-in, so the form asks for the code too. */
export type SignInState = ActionResult<null> & { step?: 'code' };

const MESSAGES: Record<string, { message: string; step?: 'code' }> = {
  throttled: { message: 'Too many failed attempts. Please wait 15 minutes and try again, or ask your practice to reset your access.' },
  two_factor_required: { message: 'Enter the 6-digit code from your authenticator app (or one of your recovery codes).', step: 'code' },
  two_factor_invalid: { message: 'That code did not work. Enter the newest 6-digit code from your app, or an unused recovery code.', step: 'code' },
};

/**
 * The sign-in form's action. The message never says whether the email exists. For an account
 * with two-factor sign-in the session is only issued once the code is right too: the first
 * submit without a code answers step 'code', and the form sends email, password and code.
 */
export async function signInAction(_prev: SignInState | null, formData: FormData): Promise<SignInState> {
  const parsed = credentialsSchema.safeParse({ email: formData.get('email'), password: formData.get('password'), code: formData.get('code') });
  // The email comes back into the form after a refusal (also without JavaScript); the password and code never do.
  const values = submittedValues(formData);
  if (!parsed.success) return { ok: false, message: 'Please fill in both fields.', fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    // On success this throws Next's redirect to "/", which sends each role to its home.
    await signIn('credentials', { ...parsed.data, code: parsed.data.code ?? '', redirectTo: '/' });
    return { ok: true, data: null };
  } catch (error) {
    if (error instanceof AuthError) {
      const known = 'code' in error && typeof error.code === 'string' ? MESSAGES[error.code] : undefined;
      return { ok: false, message: known?.message ?? GENERIC_FAILURE, fieldErrors: {}, values, ...(known?.step ? { step: known.step } : {}) };
    }
    throw error;
  }
}
