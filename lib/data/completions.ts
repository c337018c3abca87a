import 'server-only';
import { and, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { exerciseCompletions, programItems, programs } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { daysBetween, localDate } from '@/lib/dates';
import { AppError, notFound } from '@/lib/errors';
import type { CompletionInput } from '@/lib/validation/entries';
import { writeMarkingAlertsInItsStatement } from './alert-state';
import { assertOwnPatient, assertPatientReachable } from './scope';

/** Tick an exercise of the active program as done on a day, or undo that tick. */
export async function setCompletion(actor: Actor, input: CompletionInput): Promise<{ done: boolean; duplicate: boolean }> {
  assertCan(actor, 'entry:log');
  const today = localDate(new Date(), actor.timeZone);
  const date = input.date ?? today;
  if (date > today || daysBetween(date, today) > 7) {
    throw new AppError('invalid', 'Please check the highlighted fields.', { date: ['Exercises can be ticked for today or the last 7 days'] });
  }
  // The tick's row, its audit event and the mark of the alert row are parts of one statement
  // (after the lock and, for a tick, the count): BEGIN, lock, count, tick, COMMIT.
  const result = await writeMarkingAlertsInItsStatement(
    actor,
    async (tx, writeAuditedAndMarked) => {
      const [item] = await tx
        .select({ id: programItems.id, patientId: programs.patientId, sessionsPerWeek: programItems.sessionsPerWeek })
        .from(programItems)
        .innerJoin(programs, eq(programs.id, programItems.programId))
        .where(and(eq(programItems.id, input.programItemId), eq(programs.practiceId, actor.practiceId), eq(programs.status, 'active'), isNull(programItems.removedAt)))
        .limit(1)
        // Ticks of one exercise happen one at a time, so two devices cannot both pass the count
        // below (each statement after the lock sees what the one before it committed).
        .for('update', { of: programItems });
      if (!item) throw notFound('Exercise not found in an active program.');
      assertOwnPatient(actor, item.patientId);
      const sameDay = and(eq(exerciseCompletions.patientId, item.patientId), eq(exerciseCompletions.programItemId, item.id), eq(exerciseCompletions.completedOn, date), isNull(exerciseCompletions.voidedAt));
      const event = { entity: 'exercise_completion', patientId: item.patientId } as const;
      if (input.done) {
        // One tick per exercise per day (two for twice-daily doses): a stale tab or a
        // second device must not inflate adherence.
        const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(exerciseCompletions).where(sameDay)) as [{ n: number }];
        if (n >= Math.ceil(item.sessionsPerWeek / 7)) return { done: true, duplicate: true, patientId: item.patientId };
        const insert = tx
          .insert(exerciseCompletions)
          .values({
            practiceId: actor.practiceId, patientId: item.patientId, programItemId: item.id, completedOn: date,
            enteredBy: actor.userId, source: actor.patientId ? 'patient' : 'clinic', idempotencyKey: input.idempotencyKey,
          })
          .onConflictDoNothing({ target: [exerciseCompletions.patientId, exerciseCompletions.idempotencyKey] })
          .returning({ id: exerciseCompletions.id });
        const id = await writeAuditedAndMarked(insert.getSQL(), { ...event, action: 'completion.create' });
        return { done: true, duplicate: id === undefined, patientId: item.patientId };
      }
      // Undo: void the latest tick of that exercise on that day (kept for the record).
      const latest = tx.select({ id: exerciseCompletions.id }).from(exerciseCompletions).where(sameDay).orderBy(desc(exerciseCompletions.createdAt)).limit(1);
      const undo = tx
        .update(exerciseCompletions)
        .set({ voidedAt: new Date(), voidedBy: actor.userId, voidReason: 'undone', updatedAt: new Date() })
        .where(inArray(exerciseCompletions.id, latest))
        .returning({ id: exerciseCompletions.id });
      const id = await writeAuditedAndMarked(undo.getSQL(), { ...event, action: 'completion.undo' });
      return { done: false, duplicate: id === undefined, patientId: item.patientId };
    },
    (r) => (r.duplicate ? null : r.patientId),
    { transaction: true },
  );
  return { done: result.done, duplicate: result.duplicate };
}

/** Completions of a patient in a date range (not voided). */
export async function listCompletions(actor: Actor, patientId: string, from: string, to: string) {
  assertCan(actor, 'program:read');
  await assertPatientReachable(actor, patientId);
  return getDb()
    .select({ id: exerciseCompletions.id, programItemId: exerciseCompletions.programItemId, completedOn: exerciseCompletions.completedOn })
    .from(exerciseCompletions)
    .where(
      and(
        eq(exerciseCompletions.practiceId, actor.practiceId),
        eq(exerciseCompletions.patientId, patientId),
        gte(exerciseCompletions.completedOn, from),
        lte(exerciseCompletions.completedOn, to),
        isNull(exerciseCompletions.voidedAt),
      ),
    );
}
