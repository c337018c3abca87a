'use server';

import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth';
import { credentialsSchema } from '@/lib/auth/verify-credentials';
import { fieldErrorsOf, type ActionResult } from '@/lib/actions/result';

const GENERIC_FAILURE = 'That email and password do not match an active account.';

/** The sign-in form's action. The message never says whether the email exists. */
export async function signInAction(_prev: ActionResult<null> | null, formData: FormData): Promise<ActionResult<null>> {
  const parsed = credentialsSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success) return { ok: false, message: 'Please fill in both fields.', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    // On success this throws Next's redirect to "/", which sends each role to its home.
    await signIn('credentials', { ...parsed.data, redirectTo: '/' });
    return { ok: true, data: null };
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = 'code' in error && error.code === 'throttled';
      return {
        ok: false,
        message: throttled ? 'Too many failed attempts. Please wait 15 minutes and try again, or ask your practice to reset your access.' : GENERIC_FAILURE,
        fieldErrors: {},
      };
    }
    throw error;
  }
}
