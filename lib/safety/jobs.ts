import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { practices, safetyNotifications } from '@/db/schema';
import { escalateIfUnactioned } from '@/lib/data/safety-alerts';
import { configuredOrigin } from '@/lib/http/request-origin';
import type { JobRow } from '@/lib/jobs/queue';
import { sendMail } from '@/lib/mail/transport';
import { safetyEmail } from './email';

const stringField = (job: JobRow, key: string): string => {
  const value = job.payload[key];
  if (typeof value !== 'string') throw new Error(`job ${job.kind} #${job.id}: payload.${key} missing`);
  return value;
};

/** Send one safety email and record the outcome on its notification row (what the patient and the clinic are told). */
export async function sendSafetyEmail(job: JobRow, { finalAttempt }: { finalAttempt: boolean }): Promise<void> {
  const db = getDb();
  const id = stringField(job, 'notificationId');
  const [row] = await db
    .select({ n: safetyNotifications, practiceName: practices.name })
    .from(safetyNotifications)
    .innerJoin(practices, eq(practices.id, safetyNotifications.practiceId))
    .where(eq(safetyNotifications.id, id));
  // Sent already (a retry after the mail server took it but before the job was marked done).
  if (!row || row.n.status === 'sent' || row.n.status === 'not-configured') return;
  try {
    const mail = safetyEmail({ ...row.n, practiceName: row.practiceName, appUrl: configuredOrigin() });
    const outcome = await sendMail({ to: row.n.recipientEmail, ...mail });
    await db
      .update(safetyNotifications)
      .set(outcome === 'sent' ? { status: 'sent', sentAt: new Date(), attempts: sql`${safetyNotifications.attempts} + 1`, lastError: null } : { status: 'not-configured', lastError: 'No mail server is set up (SMTP_URL).' })
      .where(and(eq(safetyNotifications.id, id), sql`${safetyNotifications.status} <> 'sent'`));
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db
      .update(safetyNotifications)
      .set({ status: finalAttempt ? 'failed' : 'pending', attempts: sql`${safetyNotifications.attempts} + 1`, lastError: message })
      .where(eq(safetyNotifications.id, id));
    throw error;
  }
}

/** At a warning sign's escalation deadline: if still open, tell the leads and the safety inbox. */
export async function escalateSafetyAlert(job: JobRow): Promise<void> {
  const alertId = stringField(job, 'alertId');
  // The emails it queues are claimed by the same worker run's next batch.
  await getDb().transaction((tx) => escalateIfUnactioned(tx, alertId));
}
