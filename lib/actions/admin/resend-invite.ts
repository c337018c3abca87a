'use server';

import { revalidateUser } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { resendInvite } from '@/lib/data/invites';
import { userIdSchema } from '@/lib/validation/admin';

/** A fresh invitation link for an account that has not accepted yet; older links stop working. */
export async function resendInviteAction(_prev: unknown, input: FormData): Promise<ActionResult<{ url: string | null; emailed: boolean }>> {
  return runAction(userIdSchema, input, async (actor, { userId }) => {
    const { url, emailed } = await resendInvite(actor, userId);
    // An emailed link goes to the invitee's inbox only; answering with it would also tell an
    // invitation from one to an address with a login elsewhere (which has no link).
    revalidateUser(userId);
    return { url: emailed ? null : url, emailed };
  });
}
