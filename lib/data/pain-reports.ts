import 'server-only';
import { and, desc, eq, gte, isNull, lte } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { painReports } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { localDate } from '@/lib/dates';
import type { PainReportInput } from '@/lib/validation/entries';
import { highestTier, redFlagsOf, type RedFlagTier } from '@/lib/validation/symptoms';
import { runJobsNow } from '@/lib/jobs/worker';
import { refreshAlertState } from './alert-state';
import { audit } from './audit';
import { recordWarningSigns } from './safety-alerts';
import { assertLogDate, assertPatientReachable, resolveEntryPatient } from './scope';

export type PainReportRow = typeof painReports.$inferSelect;
export type LogResult = { id: string; duplicate: boolean; patientId: string };
/** A pain report's result, with the warning-sign alert it opened or joined and the safety emails it queued. */
export type PainLogResult = LogResult & { safetyAlertId: string | null; tier: RedFlagTier | null; emailJobIds: number[] };

export async function insertPain(tx: Tx, actor: Actor, patientId: string, input: PainReportInput, correctsId: string | null): Promise<PainLogResult> {
  const today = localDate(new Date(), actor.timeZone);
  const date = input.date ?? today;
  assertLogDate(date, today);
  const [row] = await tx
    .insert(painReports)
    .values({
      practiceId: actor.practiceId, patientId, score: input.score, reportedAt: new Date(), localDate: date,
      locations: input.locations, timing: input.timing ?? null, symptoms: input.symptoms, redFlags: redFlagsOf(input.symptoms),
      notes: input.notes ?? null, enteredBy: actor.userId, source: actor.patientId ? 'patient' : 'clinic',
      idempotencyKey: input.idempotencyKey, correctsId,
    })
    // A double tap or a retry with the same key records one entry.
    .onConflictDoNothing({ target: [painReports.patientId, painReports.idempotencyKey] })
    .returning({ id: painReports.id });
  if (!row) {
    const [existing] = await tx
      .select({ id: painReports.id, safetyAlertId: painReports.safetyAlertId, redFlags: painReports.redFlags })
      .from(painReports)
      .where(and(eq(painReports.patientId, patientId), eq(painReports.idempotencyKey, input.idempotencyKey)));
    if (!existing) throw new Error('idempotent insert found no row');
    return { id: existing.id, duplicate: true, patientId, safetyAlertId: existing.safetyAlertId, tier: highestTier(existing.redFlags), emailJobIds: [] };
  }
  await audit(tx, actor, { action: correctsId ? 'pain.correct' : 'pain.create', entity: 'pain_report', entityId: row.id, patientId, meta: { score: input.score, redFlags: redFlagsOf(input.symptoms) } });
  // Warning signs are judged as the report is entered, whatever day it describes.
  const safety = await recordWarningSigns(tx, actor, { id: row.id, patientId, date, score: input.score, symptoms: input.symptoms });
  return { id: row.id, duplicate: false, patientId, safetyAlertId: safety?.alertId ?? null, tier: safety?.reportTier ?? null, emailJobIds: safety?.emailJobIds ?? [] };
}

/** Log a pain report for the actor's own record (patient) or a patient of the practice (physio). */
export async function logPain(actor: Actor, input: PainReportInput): Promise<PainLogResult> {
  assertCan(actor, 'entry:log');
  const db = getDb();
  const result = await db.transaction(async (tx) => insertPain(tx, actor, await resolveEntryPatient(tx, actor, input.patientId), input, null));
  // The report and its safety emails are committed; try to send them now so the patient can
  // be told whether they went (the job worker retries whatever does not go now).
  await runJobsNow(result.emailJobIds);
  if (!result.duplicate) await refreshAlertState(actor.practiceId, [result.patientId]);
  return result;
}

/** A patient's pain reports in a date range, newest first (voided ones included, marked). */
export async function listPainReports(actor: Actor, patientId: string, range: { from?: string; to?: string; includeVoided?: boolean; limit?: number } = {}) {
  assertCan(actor, 'patient:readClinical');
  await assertPatientReachable(actor, patientId);
  return getDb()
    .select()
    .from(painReports)
    .where(
      and(
        eq(painReports.practiceId, actor.practiceId),
        eq(painReports.patientId, patientId),
        range.from ? gte(painReports.localDate, range.from) : undefined,
        range.to ? lte(painReports.localDate, range.to) : undefined,
        range.includeVoided ? undefined : isNull(painReports.voidedAt),
      ),
    )
    .orderBy(desc(painReports.localDate), desc(painReports.reportedAt))
    .limit(range.limit ?? 1000);
}
