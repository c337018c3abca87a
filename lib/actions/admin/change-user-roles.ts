'use server';

import { revalidateUser } from '@/lib/actions/revalidate';
import type { Role } from '@/db/schema';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { changeUserRoles } from '@/lib/data/users';
import { changeRolesSchema } from '@/lib/validation/admin';

/** Make a staff account a physio, an admin or both; takes effect on the account's next request. */
export async function changeUserRolesAction(_prev: unknown, input: FormData): Promise<ActionResult<{ roles: Role[] }>> {
  return runAction(changeRolesSchema, input, async (actor, { userId, roles }) => {
    const result = await changeUserRoles(actor, userId, roles);
    revalidateUser(userId);
    return result;
  });
}
