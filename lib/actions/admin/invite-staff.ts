'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { inviteStaff } from '@/lib/data/invites';
import { inviteStaffSchema } from '@/lib/validation/admin';

/** Invite a physio, an admin or both: returns the one-time link (emailed when SMTP is set). */
export async function inviteStaffAction(_prev: unknown, input: FormData): Promise<ActionResult<{ url: string; emailed: boolean }>> {
  return runAction(inviteStaffSchema, input, async (actor, data) => {
    const { url, emailed } = await inviteStaff(actor, data);
    revalidatePath('/admin/users');
    revalidatePath('/admin');
    return { url, emailed };
  });
}
