'use server';

import { revalidatePath } from 'next/cache';
import type { Role } from '@/db/schema';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { changeUserRoles } from '@/lib/data/users';
import { changeRolesSchema } from '@/lib/validation/admin';

/** Make a staff account a physio, an admin or both; takes effect on the account's next request. */
export async function changeUserRolesAction(_prev: unknown, input: FormData): Promise<ActionResult<{ roles: Role[] }>> {
  return runAction(changeRolesSchema, input, async (actor, { userId, roles }) => {
    const result = await changeUserRoles(actor, userId, roles);
    revalidatePath('/admin/users');
    revalidatePath(`/admin/users/${userId}`);
    return result;
  });
}
