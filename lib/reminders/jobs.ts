import 'server-only';
import { and, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { exerciseCompletions, painReports, patients, practices, programs, reminderPreferences } from '@/db/schema';
import { adherence } from '@/lib/analytics/adherence';
import { weeklyPainRise } from '@/lib/analytics/pain-monitoring';
import { adherenceCompletionsSql, adherenceItemsSql, rowsOf, toAdherenceCompletion, toAdherenceItem, type AdherenceCompletionRow, type AdherenceItemRow } from '@/lib/data/adherence-items';
import { addDays } from '@/lib/dates';
import { configuredOrigin } from '@/lib/http/request-origin';
import type { JobRow } from '@/lib/jobs/queue';
import { sendMail } from '@/lib/mail/transport';
import { unsubscribeToken } from './unsubscribe-token';
import { weeklyChartAlt, weeklyChartDays, weeklyChartPng } from './weekly-chart';
import { weeklySummaryHtml, weeklySummaryText } from './weekly-summary';

// Daily exercise reminders through the one job queue. A worker's scheduler queues one
// 'reminder.exercise' job per patient and local day once their chosen time has passed,
// outside their quiet hours (the dedupe key makes it once a day, across workers and
// restarts); the job sends unless the patient already ticked an exercise that day, has
// unsubscribed, or is no longer an active patient with an address and a program.

export const EXERCISE_REMINDER_KIND = 'reminder.exercise';
export const WEEKLY_SUMMARY_KIND = 'summary.weekly';

const idsOf = (result: unknown): number[] => ((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number | string }[]).map((r) => Number(r.id));

/**
 * Queue one job of `kind` per patient and local day for whom `due` holds: reminders are on,
 * the patient is active with an address, and it is not their quiet hours. The dedupe key
 * (kind, patient, local day) makes it once a day across workers and restarts. Local day and
 * time come from the instant `at` in the patient's own zone (PostgreSQL's zone rules, so a
 * daylight-saving day has its 23 or 25 hours).
 */
async function queueDaily(db: Db, kind: string, at: Date, due: (localTime: SQL, localNow: SQL) => SQL): Promise<number[]> {
  const localNow = sql`(${at.toISOString()}::timestamptz AT TIME ZONE r.time_zone)`;
  const localTime = sql`${localNow}::time`;
  const result = await db.execute(sql`
    INSERT INTO jobs (kind, payload, practice_id, run_at, dedupe_key, max_attempts)
    SELECT ${kind}, json_build_object('patientId', r.patient_id::text, 'day', ${localNow}::date::text)::jsonb, r.practice_id, now(),
           ${kind} || ':' || r.patient_id::text || ':' || ${localNow}::date::text, 5
    FROM reminder_preferences r JOIN patients p ON p.id = r.patient_id
    WHERE r.unsubscribed_at IS NULL AND p.status = 'active' AND p.email IS NOT NULL AND ${due(localTime, localNow)}
      AND NOT (r.quiet_from IS NOT NULL AND r.quiet_until IS NOT NULL AND CASE
        WHEN r.quiet_from::time <= r.quiet_until::time THEN ${localTime} >= r.quiet_from::time AND ${localTime} < r.quiet_until::time
        ELSE ${localTime} >= r.quiet_from::time OR ${localTime} < r.quiet_until::time END)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`);
  return idsOf(result);
}

/**
 * Queue the due daily reminders and (Monday from 08:00 local, opt-in) weekly summaries as of
 * `at` (now; tests pass other instants); returns the new jobs' ids.
 */
export async function scheduleReminders(db: Db, at: Date = new Date()): Promise<number[]> {
  return [
    ...(await queueDaily(db, EXERCISE_REMINDER_KIND, at, (localTime) => sql`r.exercise_reminder_at IS NOT NULL AND ${localTime} >= r.exercise_reminder_at::time`)),
    ...(await queueDaily(db, WEEKLY_SUMMARY_KIND, at, (localTime, localNow) => sql`r.weekly_summary AND extract(isodow FROM ${localNow}) = 1 AND ${localTime} >= time '08:00'`)),
  ];
}

/** A reminder job's patient with their settings and practice; throws on a malformed payload. */
async function recipientOf(job: JobRow) {
  const { patientId, day } = job.payload;
  if (typeof patientId !== 'string' || typeof day !== 'string') throw new Error(`job ${job.kind} #${job.id}: payload incomplete`);
  const [row] = await getDb()
    .select({ p: patients, prefs: reminderPreferences, practiceName: practices.name, practiceZone: practices.timeZone })
    .from(reminderPreferences)
    .innerJoin(patients, eq(patients.id, reminderPreferences.patientId))
    .innerJoin(practices, eq(practices.id, patients.practiceId))
    .where(eq(reminderPreferences.patientId, patientId));
  return { patientId, day, row };
}

/** The signed unsubscribe link and the List-Unsubscribe headers every reminder carries. */
function unsubscribeParts(patientId: string) {
  const url = `${configuredOrigin()}/api/reminders/unsubscribe?p=${patientId}&t=${unsubscribeToken(patientId)}`;
  return { url, headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

/** The weekly summary job: the week ending yesterday, in encouraging words (lib/reminders/weekly-summary.ts). */
export async function sendWeeklySummary(job: JobRow): Promise<void> {
  await deliverWeeklySummary(job);
}

export async function deliverWeeklySummary(job: JobRow): Promise<SkipReason | null> {
  const { patientId, day, row } = await recipientOf(job);
  if (!row || row.prefs.unsubscribedAt || !row.prefs.weeklySummary) return 'unsubscribed';
  if (row.p.status !== 'active' || !row.p.email) return 'not-active';
  const db = getDb();
  const to = addDays(day, -1);
  const from = addDays(to, -6);
  const ids = sql`${patientId}::uuid`;
  const [items, ticks, pain] = await Promise.all([
    db.execute(adherenceItemsSql(row.p.practiceId, row.practiceZone, ids, from, to)),
    db.execute(adherenceCompletionsSql(row.p.practiceId, ids, from, to)),
    db.select({ date: painReports.localDate, score: painReports.score }).from(painReports)
      .where(and(eq(painReports.patientId, patientId), isNull(painReports.voidedAt), gte(painReports.localDate, addDays(to, -13)), lte(painReports.localDate, to))),
  ]);
  const completions = rowsOf<AdherenceCompletionRow>(ticks).map(toAdherenceCompletion);
  const origin = configuredOrigin();
  const unsubscribe = unsubscribeParts(patientId);
  const mail = weeklySummaryText({
    firstName: row.p.firstName,
    practiceName: row.practiceName,
    adherence: adherence(rowsOf<AdherenceItemRow>(items).map(toAdherenceItem), completions, from, to),
    pain: weeklyPainRise(pain, to),
    portalUrl: `${origin}/portal`,
  });
  const week = weeklyChartDays(pain, completions, to);
  const chart = { cid: 'weekly-chart@loadline', alt: weeklyChartAlt(week) };
  const outcome = await sendMail({
    to: row.p.email, subject: mail.subject, text: `${mail.text}\nTo stop these emails: ${unsubscribe.url}`, headers: unsubscribe.headers,
    html: weeklySummaryHtml(mail.text, chart, unsubscribe.url),
    attachments: [{ filename: 'your-week.png', content: weeklyChartPng(week), contentType: 'image/png', cid: chart.cid }],
  });
  return outcome === 'sent' ? null : 'not-configured';
}

/** Why a due reminder was not sent; null when it was. */
export type SkipReason = 'unsubscribed' | 'not-active' | 'no-program' | 'done-today' | 'not-configured';

/** The job: one reminder email, unless there is a reason not to send it. */
export async function sendExerciseReminder(job: JobRow): Promise<void> {
  await deliverExerciseReminder(job);
}

export async function deliverExerciseReminder(job: JobRow): Promise<SkipReason | null> {
  const { patientId, day, row } = await recipientOf(job);
  const db = getDb();
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
  const unsubscribe = unsubscribeParts(patientId);
  const outcome = await sendMail({
    to: row.p.email,
    subject: 'Your exercises for today',
    text: [
      `Hello ${row.p.firstName},`,
      '',
      'A reminder you asked for: your home exercises are waiting for today. Tick them off in the portal as you go:',
      `${origin}/portal`,
      '',
      `From ${row.practiceName}, through Loadline. To stop these reminders: ${unsubscribe.url}`,
    ].join('\n'),
    headers: unsubscribe.headers,
  });
  return outcome === 'sent' ? null : 'not-configured';
}
