import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { exerciseCompletions, patients, practices, programs, reminderPreferences } from '@/db/schema';
import { configuredOrigin } from '@/lib/http/request-origin';
import type { JobRow } from '@/lib/jobs/queue';
import { sendMail } from '@/lib/mail/transport';
import { unsubscribeToken } from './unsubscribe-token';

// Daily exercise reminders through the one job queue. A worker's scheduler queues one
// 'reminder.exercise' job per patient and local day once their chosen time has passed,
// outside their quiet hours (the dedupe key makes it once a day, across workers and
// restarts); the job sends unless the patient already ticked an exercise that day, has
// unsubscribed, or is no longer an active patient with an address and a program.

export const EXERCISE_REMINDER_KIND = 'reminder.exercise';

const idsOf = (result: unknown): number[] => ((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number | string }[]).map((r) => Number(r.id));

/** Queue today's due reminders (one statement); returns the new jobs' ids. */
export async function scheduleReminders(db: Db): Promise<number[]> {
  const localNow = sql`(now() AT TIME ZONE r.time_zone)`;
  const t = sql`${localNow}::time`;
  const result = await db.execute(sql`
    INSERT INTO jobs (kind, payload, practice_id, run_at, dedupe_key, max_attempts)
    SELECT ${EXERCISE_REMINDER_KIND}, json_build_object('patientId', r.patient_id::text, 'day', ${localNow}::date::text)::jsonb, r.practice_id, now(),
           ${EXERCISE_REMINDER_KIND} || ':' || r.patient_id::text || ':' || ${localNow}::date::text, 5
    FROM reminder_preferences r JOIN patients p ON p.id = r.patient_id
    WHERE r.exercise_reminder_at IS NOT NULL AND r.unsubscribed_at IS NULL AND p.status = 'active' AND p.email IS NOT NULL
      AND ${t} >= r.exercise_reminder_at::time
      AND NOT (r.quiet_from IS NOT NULL AND r.quiet_until IS NOT NULL AND CASE
        WHEN r.quiet_from::time <= r.quiet_until::time THEN ${t} >= r.quiet_from::time AND ${t} < r.quiet_until::time
        ELSE ${t} >= r.quiet_from::time OR ${t} < r.quiet_until::time END)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`);
  return idsOf(result);
}

/** Why a due reminder was not sent; null when it was. */
export type SkipReason = 'unsubscribed' | 'not-active' | 'no-program' | 'done-today' | 'not-configured';

/** The job: one reminder email, unless there is a reason not to send it. */
export async function sendExerciseReminder(job: JobRow): Promise<void> {
  await deliverExerciseReminder(job);
}

export async function deliverExerciseReminder(job: JobRow): Promise<SkipReason | null> {
  const { patientId, day } = job.payload;
  if (typeof patientId !== 'string' || typeof day !== 'string') throw new Error(`job ${job.kind} #${job.id}: payload incomplete`);
  const db = getDb();
  const [row] = await db
    .select({ p: patients, prefs: reminderPreferences, practiceName: practices.name })
    .from(reminderPreferences)
    .innerJoin(patients, eq(patients.id, reminderPreferences.patientId))
    .innerJoin(practices, eq(practices.id, patients.practiceId))
    .where(eq(reminderPreferences.patientId, patientId));
  if (!row || row.prefs.unsubscribedAt) return 'unsubscribed';
  if (row.p.status !== 'active' || !row.p.email) return 'not-active';
  const [program] = await db.select({ id: programs.id }).from(programs).where(and(eq(programs.patientId, patientId), eq(programs.practiceId, row.p.practiceId), eq(programs.status, 'active'))).limit(1);
  if (!program) return 'no-program';
  const [done] = await db
    .select({ id: exerciseCompletions.id })
    .from(exerciseCompletions)
    .where(and(eq(exerciseCompletions.patientId, patientId), eq(exerciseCompletions.completedOn, day), isNull(exerciseCompletions.voidedAt)))
    .limit(1);
  if (done) return 'done-today';
  const origin = configuredOrigin();
  const unsubscribe = `${origin}/api/reminders/unsubscribe?p=${patientId}&t=${unsubscribeToken(patientId)}`;
  const outcome = await sendMail({
    to: row.p.email,
    subject: 'Your exercises for today',
    text: [
      `Hello ${row.p.firstName},`,
      '',
      'A reminder you asked for: your home exercises are waiting for today. Tick them off in the portal as you go:',
      `${origin}/portal`,
      '',
      `From ${row.practiceName}, through Loadline. To stop these reminders: ${unsubscribe}`,
    ].join('\n'),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  return outcome === 'sent' ? null : 'not-configured';
}
