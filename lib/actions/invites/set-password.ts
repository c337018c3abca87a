'use server';

import { unstable_rethrow } from 'next/navigation';
import { fieldErrorsOf, formDataToObject, type ActionResult } from '@/lib/actions/result';
import { readSession } from '@/lib/auth/session';
import { acceptToken, type TokenPurpose } from '@/lib/data/invites';
import { isAppError } from '@/lib/errors';
import { setPasswordSchema } from '@/lib/validation/password';

/** ok: the password is set but the sign-in needs more (a two-factor code), so the page sends them to sign in; a signed-in person is redirected instead. */
export type SetPasswordResult = ActionResult<{ purpose: TokenPurpose; email: string }>;

/**
 * Accept an invitation or use a reset link: set the password, then sign straight in with it
 * (Auth.js's credentials sign-in, the same checks as the sign-in form), landing on "/", which
 * sends a patient to the portal and staff to the dashboard. No session is needed (the token
 * in the link is the proof), so this does not go through runAction. The link is used up by
 * acceptToken before the sign-in, whether or not the sign-in succeeds.
 */
export async function setPasswordAction(_prev: unknown, input: FormData): Promise<SetPasswordResult> {
  const parsed = setPasswordSchema.safeParse(formDataToObject(input));
  if (!parsed.success) return { ok: false, code: 'invalid', message: 'Please check the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error) };
  let accepted: { purpose: TokenPurpose; email: string };
  try {
    const { ip, userAgent } = await readSession();
    accepted = await acceptToken(parsed.data.token, parsed.data.password, { ip, userAgent });
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors ?? {} };
    throw error;
  }
  // The password is set and the link used: whatever happens next is never reported as a
  // failure. On success this throws Next's redirect to "/" (each role's home). Loaded on use:
  // Auth.js only runs inside Next.js, and the data-layer tests call this action directly.
  try {
    const { signInWithNewPassword } = await import('@/lib/actions/auth/sign-in-with-new-password');
    await signInWithNewPassword(accepted.email, parsed.data.password);
  } catch (error) {
    unstable_rethrow(error);
  }
  return { ok: true, data: accepted };
}
