import 'server-only';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/access/actor';
import { localDate } from '@/lib/dates';
import { runJobsNow } from '@/lib/jobs/worker';
import type { PainReportInput } from '@/lib/validation/entries';
import { highestTier, redFlagsOf, type RedFlagTier } from '@/lib/validation/symptoms';
import { recordWarningSigns } from '../safety-alerts';
import { assertLogDate } from '../scope';
import { insertEntry, logEntry } from './insert';
import type { LogResult } from './kinds';

/** A pain report's result, with the warning-sign alert it opened or joined and the safety emails it queued. */
export type PainLogResult = LogResult & { safetyAlertId: string | null; tier: RedFlagTier | null; emailJobIds: number[] };

/** Record a pain report (or the correction of one) for a patient already resolved, and judge its warning signs. */
export async function insertPain(tx: Tx, actor: Actor, patientId: string, input: PainReportInput, correctsId: string | null): Promise<PainLogResult> {
  const today = localDate(new Date(), actor.timeZone);
  const date = input.date ?? today;
  assertLogDate(date, today);
  const redFlags = redFlagsOf(input.symptoms);
  const { row, duplicate } = await insertEntry(
    tx, actor, 'pain', { patientId, idempotencyKey: input.idempotencyKey, correctsId },
    { score: input.score, reportedAt: new Date(), localDate: date, locations: input.locations, timing: input.timing ?? null, symptoms: input.symptoms, redFlags, notes: input.notes ?? null },
    { score: input.score, redFlags },
  );
  // A replay answers with what the first report opened; its emails were queued (and tried) then.
  if (duplicate) return { id: row.id, duplicate, patientId, safetyAlertId: row.safetyAlertId, tier: highestTier(row.redFlags), emailJobIds: [] };
  // Warning signs are judged as the report is entered, whatever day it describes.
  const safety = await recordWarningSigns(tx, actor, { id: row.id, patientId, date, score: input.score, symptoms: input.symptoms });
  return { id: row.id, duplicate, patientId, safetyAlertId: safety?.alertId ?? null, tier: safety?.reportTier ?? null, emailJobIds: safety?.emailJobIds ?? [] };
}

/** Log a pain report for the actor's own record (patient) or a patient of the practice (physio). */
export async function logPain(actor: Actor, input: PainReportInput): Promise<PainLogResult> {
  return logEntry(
    actor, input.patientId, (tx, patientId) => insertPain(tx, actor, patientId, input, null),
    // The report and its safety emails are committed; try to send them now so the patient can
    // be told whether they went (the job worker retries whatever does not go now).
    (result) => runJobsNow(result.emailJobIds),
    (result) => result.tier !== null,
  );
}
