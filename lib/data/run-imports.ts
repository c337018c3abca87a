import 'server-only';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { trainingSessions } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { localDate, type IsoDate } from '@/lib/dates';
import { AppError, notFound } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { toCandidate, type ImportCandidate } from '@/lib/import/candidate';
import { findSameSession, type LoggedSession } from '@/lib/import/duplicates';
import type { ImportLimits } from '@/lib/import/limits';
import type { UploadRead } from '@/lib/import/read-upload';
import { fromKm } from '@/lib/units';
import { ACTIVITY_LABELS } from '@/lib/validation/vocabulary';
import { writeMarkingAlerts } from './alert-state';
import { audit } from './audit';
import { assertPatientReachable, resolveEntryPatient } from './scope';

export type ImportStatus = 'imported' | 'already-imported' | 'duplicate' | 'refused';
export type ImportOutcome = { file: string; status: ImportStatus; message: string; sessionId?: string };
export type ImportReport = { upload: string; imported: number; alreadyImported: number; duplicates: number; refused: number; outcomes: ImportOutcome[] };

type Prepared = { file: string; key: string; candidate: ImportCandidate };

const INSERT_CHUNK = 500;

function describe(actor: Actor, c: Pick<ImportCandidate, 'activity' | 'localDate' | 'durationMin' | 'distanceKm'>): string {
  const distance = c.distanceKm !== null ? `, ${fromKm(c.distanceKm, actor.distanceUnit).toFixed(1)} ${actor.distanceUnit}` : '';
  return `${ACTIVITY_LABELS[c.activity] ?? c.activity} on ${formatDate(c.localDate)}, ${Math.round(c.durationMin)} min${distance}`;
}

/** Every activity of the upload as a candidate, or the file's message; a file is kept whole or not at all. */
function prepare(actor: Actor, upload: Extract<UploadRead, { ok: true }>, limits: ImportLimits, today: string): { prepared: Prepared[]; outcomes: ImportOutcome[] } {
  const outcomes: ImportOutcome[] = [];
  const prepared: Prepared[] = [];
  const total = upload.files.reduce((n, f) => n + (f.ok ? f.activities.length : 0), 0);
  if (total > limits.maxActivities) {
    return { prepared, outcomes: [{ file: upload.name, status: 'refused', message: `${upload.name} has ${total.toLocaleString('en-GB')} activities; at most ${limits.maxActivities.toLocaleString('en-GB')} can be imported at once. Nothing from it was imported.` }] };
  }
  for (const file of upload.files) {
    const label = upload.archive ? `${upload.name} › ${file.name}` : file.name;
    if (!file.ok) {
      outcomes.push({ file: label, status: 'refused', message: `${label} ${file.message}` });
      continue;
    }
    const placed = file.activities.map((a) => toCandidate(a, actor.timeZone, today));
    const bad = placed.find((p) => !p.ok);
    if (bad && !bad.ok) {
      outcomes.push({ file: label, status: 'refused', message: `${label} ${bad.message}` });
      continue;
    }
    // A file with several activities keys each one by the file's hash and its place in it.
    placed.forEach((p, i) => p.ok && prepared.push({ file: label, key: i === 0 ? file.hash : `${file.hash}#${i}`, candidate: p.candidate }));
  }
  return { prepared, outcomes };
}

async function loggedAround(tx: Tx, patientId: string, prepared: readonly Prepared[]): Promise<{ hashes: Set<string>; sessions: LoggedSession[] }> {
  if (prepared.length === 0) return { hashes: new Set(), sessions: [] };
  const dates = prepared.map((p) => p.candidate.localDate).sort();
  const hashes = new Set<string>();
  const keys = prepared.map((p) => p.key);
  for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
    const rows = await tx
      .select({ fileHash: trainingSessions.fileHash })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.patientId, patientId), isNotNull(trainingSessions.fileHash), inArray(trainingSessions.fileHash, keys.slice(i, i + INSERT_CHUNK))));
    rows.forEach((r) => r.fileHash && hashes.add(r.fileHash));
  }
  // A run that started just before midnight UTC may sit on the next local day: one day either side.
  const sessions = await tx
    .select({ id: trainingSessions.id, localDate: trainingSessions.localDate, activity: trainingSessions.activity, durationMin: trainingSessions.durationMin, distanceKm: trainingSessions.distanceKm, startedAt: trainingSessions.startedAt })
    .from(trainingSessions)
    .where(and(eq(trainingSessions.patientId, patientId), isNull(trainingSessions.voidedAt), gte(trainingSessions.localDate, dates[0]!), lte(trainingSessions.localDate, dates.at(-1)!)));
  return { hashes, sessions };
}

/**
 * Store the activities of one upload in a patient's training log (the patient's own, or one
 * of the practice's patients for a physio). Nothing is stored from a file with a problem;
 * a file already imported is said so; a run that looks like one already logged (typed, or
 * imported from another file) is offered as a duplicate and stored only with
 * `importDuplicates`. One audit event per upload.
 */
export async function importUpload(actor: Actor, postedPatientId: string | undefined, upload: UploadRead, limits: ImportLimits, options: { importDuplicates?: boolean } = {}): Promise<ImportReport & { patientId: string }> {
  assertCan(actor, 'entry:log');
  const today = localDate(new Date(), actor.timeZone);
  const { prepared, outcomes } = upload.ok ? prepare(actor, upload, limits, today) : { prepared: [], outcomes: [{ file: upload.name, status: 'refused' as const, message: `${upload.name} ${upload.message}` }] };
  const result = await writeMarkingAlerts(actor, async (tx) => {
    const patientId = await resolveEntryPatient(tx, actor, postedPatientId);
    const { hashes, sessions } = await loggedAround(tx, patientId, prepared);
    const accepted: Prepared[] = [];
    const byKey = new Map<string, ImportOutcome>();
    for (const p of prepared) {
      const what = describe(actor, p.candidate);
      if (hashes.has(p.key)) {
        byKey.set(p.key, { file: p.file, status: 'already-imported', message: `${p.file}: already imported (${what}).` });
        continue;
      }
      const same = options.importDuplicates ? null : findSameSession(p.candidate, sessions);
      if (same) {
        byKey.set(p.key, { file: p.file, status: 'duplicate', message: `${p.file}: looks like the ${ACTIVITY_LABELS[same.activity]?.toLowerCase() ?? same.activity} already in the log on ${formatDate(same.localDate)} (${what}), so it was not imported twice.` });
        continue;
      }
      hashes.add(p.key);
      accepted.push(p);
      // Later files of the same upload are compared with this one too (a FIT and a GPX of one run).
      sessions.push({ id: p.key, localDate: p.candidate.localDate, activity: p.candidate.activity, durationMin: p.candidate.durationMin, distanceKm: p.candidate.distanceKm, startedAt: p.candidate.startedAt });
    }
    for (let i = 0; i < accepted.length; i += INSERT_CHUNK) {
      const chunk = accepted.slice(i, i + INSERT_CHUNK);
      const rows = await tx
        .insert(trainingSessions)
        .values(chunk.map(({ key, candidate: c }) => ({
          practiceId: actor.practiceId, patientId, activity: c.activity, localDate: c.localDate, durationMin: c.durationMin, distanceKm: c.distanceKm, rpe: null,
          notes: c.name, enteredBy: actor.userId, source: 'import' as const, fileHash: key, startedAt: c.startedAt, elapsedMin: c.elapsedMin,
          elevationGainM: c.elevationGainM, avgHeartRate: c.avgHeartRate,
        })))
        .onConflictDoNothing()
        .returning({ id: trainingSessions.id, fileHash: trainingSessions.fileHash });
      const ids = new Map(rows.map((r) => [r.fileHash, r.id]));
      for (const p of chunk) {
        const id = ids.get(p.key);
        byKey.set(p.key, id
          ? { file: p.file, status: 'imported', message: `${p.file}: imported (${describe(actor, p.candidate)}).`, sessionId: id }
          : { file: p.file, status: 'already-imported', message: `${p.file}: already imported (${describe(actor, p.candidate)}).` });
      }
    }
    const all = [...outcomes, ...prepared.map((p) => byKey.get(p.key)!)];
    const count = (s: ImportStatus) => all.filter((o) => o.status === s).length;
    const report: ImportReport = { upload: upload.name, imported: count('imported'), alreadyImported: count('already-imported'), duplicates: count('duplicate'), refused: count('refused'), outcomes: all };
    await audit(tx, actor, {
      action: 'session.import', entity: 'training_session', patientId,
      meta: { upload: upload.name.slice(0, 200), imported: report.imported, alreadyImported: report.alreadyImported, duplicates: report.duplicates, refused: report.refused },
    });
    return { ...report, patientId };
  }, { changed: (r) => r.imported > 0 });
  return result;
}

/** The run a rating was saved for, enough to name it in the confirmation (lib/import/session-summary.ts). */
export type RatedRun = { activity: string; localDate: IsoDate; durationMin: number; distanceKm: number | null };

/** An imported session's effort, given once by the patient (or a physio on their behalf). */
export async function rateImportedSession(actor: Actor, input: { sessionId: string; rpe: number }): Promise<{ patientId: string; duplicate: boolean; run: RatedRun }> {
  assertCan(actor, 'entry:log');
  const result = await writeMarkingAlerts(actor, async (tx) => {
    const [row] = await tx
      .select({
        id: trainingSessions.id, patientId: trainingSessions.patientId, rpe: trainingSessions.rpe, source: trainingSessions.source, voidedAt: trainingSessions.voidedAt,
        activity: trainingSessions.activity, localDate: trainingSessions.localDate, durationMin: trainingSessions.durationMin, distanceKm: trainingSessions.distanceKm,
      })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.id, input.sessionId), eq(trainingSessions.practiceId, actor.practiceId)))
      .limit(1);
    if (!row || row.source !== 'import') throw notFound('Session not found.');
    await resolveEntryPatient(tx, actor, row.patientId);
    const run = { activity: row.activity, localDate: row.localDate, durationMin: row.durationMin, distanceKm: row.distanceKm };
    if (row.voidedAt) throw new AppError('invalid', 'This session was removed.');
    if (row.rpe !== null) {
      if (row.rpe === input.rpe) return { patientId: row.patientId, duplicate: true, run };
      throw new AppError('conflict', 'This run has already been rated. Correct it from History to change it.');
    }
    const updated = await tx
      .update(trainingSessions)
      .set({ rpe: input.rpe, updatedAt: new Date() })
      .where(and(eq(trainingSessions.id, row.id), isNull(trainingSessions.rpe)))
      .returning({ id: trainingSessions.id });
    if (updated.length === 0) throw new AppError('conflict', 'This run has just been rated. Reload to see it.');
    await audit(tx, actor, { action: 'session.rate', entity: 'training_session', entityId: row.id, patientId: row.patientId, meta: { rpe: input.rpe } });
    return { patientId: row.patientId, duplicate: false, run };
  }, { changed: (r) => !r.duplicate });
  return result;
}

/** A patient's imported sessions still waiting for an effort rating, newest first. */
export async function listUnratedImports(actor: Actor, patientId: string, limit = 20) {
  assertCan(actor, 'patient:readClinical');
  await assertPatientReachable(actor, patientId);
  return getDb()
    .select({ id: trainingSessions.id, localDate: trainingSessions.localDate, activity: trainingSessions.activity, durationMin: trainingSessions.durationMin, distanceKm: trainingSessions.distanceKm, notes: trainingSessions.notes })
    .from(trainingSessions)
    .where(and(eq(trainingSessions.practiceId, actor.practiceId), eq(trainingSessions.patientId, patientId), eq(trainingSessions.source, 'import'), isNull(trainingSessions.rpe), isNull(trainingSessions.voidedAt)))
    .orderBy(desc(trainingSessions.localDate), desc(trainingSessions.createdAt))
    .limit(limit);
}
