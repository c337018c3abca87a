import 'server-only';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/access/actor';
import { localDate } from '@/lib/dates';
import { runJobsNow } from '@/lib/jobs/worker';
import type { PainReportInput } from '@/lib/validation/entries';
import { highestTier, redFlagsOf, type RedFlagTier } from '@/lib/validation/symptoms';
import { mayBeWarningSign, recordWarningSigns } from '../safety-alerts';
import { assertLogDate } from '../scope';
import { insertEntry, logEntry, logEntryInOneStatement } from './insert';
import type { LogResult } from './kinds';

/** A pain report's result, with the warning-sign alert it opened or joined and the safety emails it queued. */
export type PainLogResult = LogResult & { safetyAlertId: string | null; tier: RedFlagTier | null; emailJobIds: number[] };

/** The pain report's row as insertEntry writes it, and what its audit event records. */
function painEntry(actor: Actor, input: PainReportInput) {
  const today = localDate(new Date(), actor.timeZone);
  const date = input.date ?? today;
  assertLogDate(date, today);
  const redFlags = redFlagsOf(input.symptoms);
  return {
    date,
    fields: { score: input.score, reportedAt: new Date(), localDate: date, locations: input.locations, timing: input.timing ?? null, symptoms: input.symptoms, redFlags, notes: input.notes ?? null },
    auditMeta: { score: input.score, redFlags },
  };
}

/** A replay answers with what the first report opened; its emails were queued (and tried) then. */
const replayOf = (row: { id: string; safetyAlertId: string | null; redFlags: string[] }, patientId: string): PainLogResult =>
  ({ id: row.id, duplicate: true, patientId, safetyAlertId: row.safetyAlertId, tier: highestTier(row.redFlags), emailJobIds: [] });

/** Record a pain report (or the correction of one) for a patient already resolved, and judge its warning signs. */
export async function insertPain(tx: Tx, actor: Actor, patientId: string, input: PainReportInput, correctsId: string | null): Promise<PainLogResult> {
  const { date, fields, auditMeta } = painEntry(actor, input);
  const { row, duplicate } = await insertEntry(tx, actor, 'pain', { patientId, idempotencyKey: input.idempotencyKey, correctsId }, fields, auditMeta);
  if (duplicate) return replayOf(row, patientId);
  // Warning signs are judged as the report is entered, whatever day it describes.
  const safety = await recordWarningSigns(tx, actor, { id: row.id, patientId, date, score: input.score, symptoms: input.symptoms });
  return { id: row.id, duplicate, patientId, safetyAlertId: safety?.alertId ?? null, tier: safety?.reportTier ?? null, emailJobIds: safety?.emailJobIds ?? [] };
}

/** Log a pain report for the actor's own record (patient) or a patient of the practice (physio). */
export async function logPain(actor: Actor, input: PainReportInput): Promise<PainLogResult> {
  // Most reports cannot be a warning sign (no such symptom, below any severe score a practice
  // can set): nothing is judged for them, and they are written in one statement.
  if (!mayBeWarningSign(input)) {
    const logged = await logEntryInOneStatement(actor, input.patientId, 'pain', () => {
      const { fields, auditMeta } = painEntry(actor, input);
      return { idempotencyKey: input.idempotencyKey, fields, auditMeta };
    });
    if (logged.duplicate) return replayOf(logged.row, logged.patientId);
    return { id: logged.id, duplicate: false, patientId: logged.patientId, safetyAlertId: null, tier: null, emailJobIds: [] };
  }
  return logEntry(
    actor, input.patientId, (tx, patientId) => insertPain(tx, actor, patientId, input, null),
    // The report and its safety emails are committed; try to send them now so the patient can
    // be told whether they went (the job worker retries whatever does not go now).
    (result) => runJobsNow(result.emailJobIds),
    (result) => result.tier !== null,
  );
}
