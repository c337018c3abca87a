'use server';

import { revalidateUser } from '@/lib/actions/revalidate';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { inviteStaff } from '@/lib/data/invites';
import { inviteStaffSchema } from '@/lib/validation/admin';

/** Invite a physio, an admin or both: the one-time link is emailed when SMTP is set, otherwise returned to copy. */
export async function inviteStaffAction(_prev: unknown, input: FormData): Promise<ActionResult<{ url: string | null; emailed: boolean }>> {
  return runAction(inviteStaffSchema, input, async (actor, data) => {
    const { url, emailed } = await inviteStaff(actor, data);
    // An emailed link goes to the invitee's inbox only; answering with it would also tell an
    // invitation from one to an address with a login elsewhere (which has no link).
    revalidateUser();
    return { url: emailed ? null : url, emailed };
  });
}
