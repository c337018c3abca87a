'use server';

import { fieldErrorsOf, formDataToObject, type ActionResult } from '@/lib/actions/result';
import { readSession } from '@/lib/auth/session';
import { acceptToken, type TokenPurpose } from '@/lib/data/invites';
import { isAppError } from '@/lib/errors';
import { setPasswordSchema } from '@/lib/validation/password';

/**
 * Accept an invitation or use a reset link: set the password. No session is needed (the
 * token in the link is the proof), so this does not go through runAction.
 */
export async function setPasswordAction(_prev: unknown, input: FormData): Promise<ActionResult<{ purpose: TokenPurpose; email: string }>> {
  const parsed = setPasswordSchema.safeParse(formDataToObject(input));
  if (!parsed.success) return { ok: false, code: 'invalid', message: 'Please check the highlighted fields.', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const { ip, userAgent } = await readSession();
    return { ok: true, data: await acceptToken(parsed.data.token, parsed.data.password, { ip, userAgent }) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors ?? {} };
    throw error;
  }
}
