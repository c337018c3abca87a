'use server';

import { and, eq } from 'drizzle-orm';
import { revalidateUser } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { recoveryCodes, users } from '@/db/schema';
import { assertCan } from '@/lib/access/policy';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { audit } from '@/lib/data/audit';
import { AppError } from '@/lib/errors';

const resetTwoFactorSchema = z.object({ userId: z.uuid('Choose an account') });

/**
 * An admin turns off a member's second factor (a lost phone and no recovery codes): the secret
 * and recovery codes are removed, audited. In a practice that requires two-factor, the member
 * enrols again at their next sign-in.
 */
export async function resetTwoFactorAction(_prev: unknown, input: FormData): Promise<ActionResult<{ reset: boolean }>> {
  return runAction(resetTwoFactorSchema, input, async (actor, { userId }) => {
    assertCan(actor, 'user:manage');
    const result = await getDb().transaction(async (tx) => {
      const [user] = await tx.select({ id: users.id, patientId: users.patientId, enabled: users.totpEnabledAt }).from(users).where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId))).limit(1);
      if (!user) throw new AppError('not_found', 'Account not found.');
      await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() }).where(and(eq(users.id, user.id), eq(users.practiceId, actor.practiceId)));
      await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.practiceId, actor.practiceId)));
      await audit(tx, actor, { action: 'user.two_factor_reset', entity: 'user', entityId: user.id, patientId: user.patientId, meta: { wasEnabled: Boolean(user.enabled) } });
      return { reset: Boolean(user.enabled) };
    });
    revalidateUser(userId);
    return result;
  });
}
