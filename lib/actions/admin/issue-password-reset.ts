'use server';

import { revalidateUser } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { issuePasswordReset } from '@/lib/data/invites';
import { userIdSchema } from '@/lib/validation/admin';

/** A one-time link to choose a new password; the account's open sessions end when it is used. */
export async function issuePasswordResetAction(_prev: unknown, input: FormData): Promise<ActionResult<{ url: string; emailed: boolean }>> {
  return runAction(userIdSchema, input, async (actor, { userId }) => {
    const { url, emailed } = await issuePasswordReset(actor, userId);
    revalidateUser(userId);
    return { url, emailed };
  });
}
