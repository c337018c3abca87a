'use server';

import { and, eq, isNull } from 'drizzle-orm';
import { revalidateOwnAccount } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { fieldErrorsOf, type ActionResult } from '@/lib/actions/result';
import { requireActor } from '@/lib/auth/require-actor';
import { decryptSecret, encryptSecret, issueRecoveryCodes, matchingStep, newTotpSecret } from '@/lib/auth/two-factor';
import { audit } from '@/lib/data/audit';
import { AppError } from '@/lib/errors';

// Enrolling in two-factor sign-in, for the signed-in account itself (staff, and patients who
// opt in). Open to staff who must enrol before anything else (requireActor's twoFactorSetup).

async function run<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors ?? {} };
    throw error;
  }
}

/** Starts enrolment: a new secret, not in use until a code from it is confirmed. */
export async function startTwoFactorAction(): Promise<ActionResult<null>> {
  return run(async () => {
    const actor = await requireActor({ twoFactorSetup: true });
    const updated = await getDb()
      .update(users)
      .set({ totpSecret: encryptSecret(newTotpSecret()), totpLastStep: null })
      .where(and(eq(users.id, actor.userId), eq(users.practiceId, actor.practiceId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    // An enrolled account keeps its secret: replacing it takes an admin's reset.
    if (!updated.length) throw new AppError('conflict', 'Two-factor sign-in is already on for your account.');
    revalidateOwnAccount();
    return null;
  });
}

const confirmSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your app') });

/** Confirms enrolment with a code from the app; answers the ten recovery codes, shown once. */
export async function confirmTwoFactorAction(_prev: unknown, input: FormData): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return run(async () => {
    const actor = await requireActor({ twoFactorSetup: true });
    const parsed = confirmSchema.safeParse({ code: input instanceof FormData ? input.get('code') : undefined });
    if (!parsed.success) throw new AppError('invalid', 'Please check the highlighted fields.', fieldErrorsOf(parsed.error));
    const db = getDb();
    return db.transaction(async (tx) => {
      const [user] = await tx.select().from(users).where(and(eq(users.id, actor.userId), eq(users.practiceId, actor.practiceId))).for('update').limit(1);
      if (!user || user.totpEnabledAt) throw new AppError('conflict', 'Two-factor sign-in is already on for your account.');
      if (!user.totpSecret) throw new AppError('invalid', 'Start the set-up first.', { code: ['Start the set-up first'] });
      const step = matchingStep(decryptSecret(user.totpSecret), parsed.data.code);
      if (step === null) throw new AppError('invalid', 'That code does not match. Check the time on your phone and try the newest code.', { code: ['That code does not match'] });
      await tx.update(users).set({ totpEnabledAt: new Date(), totpLastStep: step }).where(eq(users.id, user.id));
      const recoveryCodes = await issueRecoveryCodes(tx, user);
      await audit(tx, actor, { action: 'user.two_factor_enable', entity: 'user', entityId: user.id });
      // No revalidation here: the page keeps showing the recovery codes until "Continue".
      return { recoveryCodes };
    });
  });
}
