import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients, reminderPreferences } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan, isPatient } from '@/lib/access/policy';
import { notFound } from '@/lib/errors';
import { validUnsubscribeToken } from '@/lib/reminders/unsubscribe-token';
import type { ReminderPreferencesInput } from '@/lib/validation/reminders';
import { audit, auditSystem } from './audit';
import { assertPatientReachable } from './scope';

export type ReminderSettings = { exerciseReminderAt: string | null; timeZone: string; quietFrom: string | null; quietUntil: string | null; weeklySummary: boolean; unsubscribed: boolean };

/** The patient's reminder settings (their own, or a physio's read: whether reminders are on, not their content). */
export async function getReminderSettings(actor: Actor, patientId: string): Promise<ReminderSettings> {
  assertCan(actor, 'patient:read');
  await assertPatientReachable(actor, patientId);
  const [row] = await getDb().select().from(reminderPreferences).where(eq(reminderPreferences.patientId, patientId)).limit(1);
  if (!row || row.practiceId !== actor.practiceId) return { exerciseReminderAt: null, timeZone: actor.timeZone, quietFrom: null, quietUntil: null, weeklySummary: false, unsubscribed: false };
  return { exerciseReminderAt: row.exerciseReminderAt, timeZone: row.timeZone, quietFrom: row.quietFrom, quietUntil: row.quietUntil, weeklySummary: row.weeklySummary, unsubscribed: row.unsubscribedAt !== null };
}

/** The patient sets their own reminders; saving them turns email reminders back on after an unsubscribe. */
export async function saveReminderSettings(actor: Actor, input: ReminderPreferencesInput): Promise<void> {
  assertCan(actor, 'entry:log');
  if (!isPatient(actor) || !actor.patientId) throw notFound('Patient not found.');
  const values = {
    practiceId: actor.practiceId, exerciseReminderAt: input.exerciseReminderAt ?? null, timeZone: input.timeZone,
    quietFrom: input.quietFrom ?? null, quietUntil: input.quietUntil ?? null, weeklySummary: input.weeklySummary, unsubscribedAt: null, updatedAt: new Date(),
  };
  await getDb().transaction(async (tx) => {
    await tx.insert(reminderPreferences).values({ patientId: actor.patientId!, ...values }).onConflictDoUpdate({ target: reminderPreferences.patientId, set: values });
    await audit(tx, actor, { action: 'reminders.update', entity: 'patient', entityId: actor.patientId, patientId: actor.patientId, meta: { daily: values.exerciseReminderAt, weekly: values.weeklySummary, quiet: values.quietFrom ? `${values.quietFrom}-${values.quietUntil}` : null } });
  });
}

/**
 * The signed link in every reminder (no sign-in): stops them. Works once — a second use
 * changes nothing and says so; a bad token is refused. Audited as the patient's choice.
 */
export async function unsubscribeFromReminders(patientId: string, token: string): Promise<'unsubscribed' | 'already' | 'invalid'> {
  if (!/^[0-9a-f-]{36}$/.test(patientId) || !validUnsubscribeToken(patientId, token)) return 'invalid';
  const db = getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ prefs: reminderPreferences, practiceId: patients.practiceId })
      .from(reminderPreferences)
      .innerJoin(patients, eq(patients.id, reminderPreferences.patientId))
      .where(eq(reminderPreferences.patientId, patientId))
      .for('update');
    if (!row) return 'invalid';
    if (row.prefs.unsubscribedAt) return 'already';
    await tx.update(reminderPreferences).set({ unsubscribedAt: new Date(), updatedAt: new Date() }).where(eq(reminderPreferences.patientId, patientId));
    await auditSystem(tx, { action: 'reminders.unsubscribe', entity: 'patient', entityId: patientId, patientId, practiceId: row.practiceId, actorUserId: null, ip: null, userAgent: null, meta: { via: 'email link' } });
    return 'unsubscribed';
  });
}
