import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { auditEvents, measureResponses, measureSchedules } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { measureChange, measureDue, scoreResponse, type Answers, type MeasureChange, type MeasureDue } from '@/lib/analytics/measures';
import { getLibrary } from '@/lib/content/loader';
import { getMeasure, getMeasures, type Measure } from '@/lib/content/measures';
import { localDate } from '@/lib/dates';
import { AppError, notFound } from '@/lib/errors';
import type { AssignMeasureInput } from '@/lib/validation/measures';
import { rowsOf } from './adherence-items';
import { audit } from './audit';
import { assertPatientReachable, resolveEntryPatient } from './scope';

// Outcome measures on the record: schedules a physio sets, responses the patient saves as a
// draft and then submits (scored by lib/analytics/measures.ts and locked), and what is due.

function measureOr404(slug: string): Measure {
  const measure = getMeasure(slug);
  if (!measure) throw notFound('Questionnaire not found.');
  return measure;
}

/** The day the patient was last discharged (from the audit trail), in the practice's zone. */
async function dischargedOn(practiceId: string, patientId: string, timeZone: string): Promise<string | null> {
  const [row] = await getDb()
    .select({ at: sql<Date | null>`max(${auditEvents.createdAt})` })
    .from(auditEvents)
    // The action as a literal, not a parameter, so the partial index audit_discharge_idx serves it in every plan.
    .where(and(eq(auditEvents.practiceId, practiceId), eq(auditEvents.patientId, patientId), sql`${auditEvents.action} = 'patient.discharge'`));
  return row?.at ? localDate(new Date(row.at), timeZone) : null;
}

/** One new live schedule, audited as measure.assign (with the template it came from, if any). */
async function insertSchedule(
  tx: Tx, actor: Actor, patientId: string,
  s: { measure: string; atIntake: boolean; everyWeeks?: number | null; atDischarge: boolean }, startDate: string, template?: string,
): Promise<string> {
  const everyWeeks = s.everyWeeks ?? null;
  const [row] = await tx
    .insert(measureSchedules)
    .values({ practiceId: actor.practiceId, patientId, measureSlug: s.measure, atIntake: s.atIntake, everyWeeks, atDischarge: s.atDischarge, startDate, createdBy: actor.userId })
    .returning({ id: measureSchedules.id });
  const meta = { measure: s.measure, atIntake: s.atIntake, everyWeeks, atDischarge: s.atDischarge, ...(template && { template }) };
  await audit(tx, actor, { action: 'measure.assign', entity: 'measure_schedule', entityId: row!.id, patientId, meta });
  return row!.id;
}

/** Ask the patient to fill in a measure at intake, every N weeks and/or at discharge; replaces a live schedule of it. */
export async function assignMeasure(actor: Actor, input: AssignMeasureInput): Promise<{ id: string }> {
  assertCan(actor, 'program:write');
  measureOr404(input.measureSlug);
  return getDb().transaction(async (tx) => {
    const patientId = await resolveEntryPatient(tx, actor, input.patientId);
    await tx
      .update(measureSchedules)
      .set({ endedAt: new Date() })
      .where(and(eq(measureSchedules.practiceId, actor.practiceId), eq(measureSchedules.patientId, patientId), eq(measureSchedules.measureSlug, input.measureSlug), isNull(measureSchedules.endedAt)));
    const id = await insertSchedule(tx, actor, patientId, { measure: input.measureSlug, atIntake: input.atIntake, everyWeeks: input.everyWeeks, atDischarge: input.atDischarge }, input.startDate ?? localDate(new Date(), actor.timeZone));
    return { id };
  });
}

/**
 * A template's default questionnaires (content/programs front matter `measures`), scheduled
 * from the program's start date when a program is made from it — inside that transaction.
 * An instrument the patient already has a live schedule for keeps that schedule: the physio
 * may have chosen it on purpose. Returns the instruments newly scheduled.
 */
export async function scheduleTemplateMeasures(tx: Tx, actor: Actor, patientId: string, templateSlug: string, startDate: string): Promise<string[]> {
  const template = getLibrary().templates.find((t) => t.slug === templateSlug);
  if (!template || template.measures.length === 0) return [];
  const live = await tx
    .select({ slug: measureSchedules.measureSlug })
    .from(measureSchedules)
    .where(and(eq(measureSchedules.practiceId, actor.practiceId), eq(measureSchedules.patientId, patientId), isNull(measureSchedules.endedAt)));
  const have = new Set(live.map((r) => r.slug));
  const added: string[] = [];
  for (const m of template.measures) {
    if (have.has(m.measure) || !getMeasure(m.measure)) continue;
    await insertSchedule(tx, actor, patientId, m, startDate, templateSlug);
    added.push(m.measure);
  }
  return added;
}

/** Stop asking for a measure (the schedule is kept, ended). */
export async function endMeasureSchedule(actor: Actor, scheduleId: string): Promise<void> {
  assertCan(actor, 'program:write');
  const db = getDb();
  const [row] = await db
    .update(measureSchedules)
    .set({ endedAt: new Date() })
    .where(and(eq(measureSchedules.id, scheduleId), eq(measureSchedules.practiceId, actor.practiceId), isNull(measureSchedules.endedAt)))
    .returning({ patientId: measureSchedules.patientId, measureSlug: measureSchedules.measureSlug });
  if (!row) throw notFound('Schedule not found.');
  await audit(db, actor, { action: 'measure.unassign', entity: 'measure_schedule', entityId: scheduleId, patientId: row.patientId, meta: { measure: row.measureSlug } });
}

export type MeasureOverview = {
  measure: Pick<Measure, 'slug' | 'title' | 'shortTitle' | 'summary' | 'recallPeriod' | 'direction' | 'range' | 'mcid' | 'bands' | 'items' | 'scoring'>;
  schedule: { id: string; atIntake: boolean; everyWeeks: number | null; atDischarge: boolean; startDate: string } | null;
  due: MeasureDue;
  /** Submitted responses, oldest first (superseded ones left out), with their scores. */
  responses: { id: string; respondedOn: string; score: number | null; answers: Answers; supersedesId: string | null }[];
  change: MeasureChange;
  draft: { id: string; answers: Answers; updatedAt: Date } | null;
};

/**
 * Every measure scheduled for (or answered by) the patient, with what is due, the submitted
 * responses and the change from the first (lib/analytics/measures.ts): for the patient page
 * and the portal alike.
 */
export async function listPatientMeasures(actor: Actor, patientId: string): Promise<MeasureOverview[]> {
  assertCan(actor, 'patient:readClinical');
  await assertPatientReachable(actor, patientId);
  const db = getDb();
  const scope = <T extends typeof measureSchedules | typeof measureResponses>(t: T) => and(eq(t.practiceId, actor.practiceId), eq(t.patientId, patientId));
  const [schedules, responses, discharged] = await Promise.all([
    db.select().from(measureSchedules).where(and(scope(measureSchedules), isNull(measureSchedules.endedAt))),
    db.select().from(measureResponses).where(scope(measureResponses)).orderBy(asc(measureResponses.respondedOn), asc(measureResponses.submittedAt)),
    dischargedOn(actor.practiceId, patientId, actor.timeZone),
  ]);
  const today = localDate(new Date(), actor.timeZone);
  const superseded = new Set(responses.flatMap((r) => (r.supersedesId ? [r.supersedesId] : [])));
  const slugs = [...new Set([...schedules.map((s) => s.measureSlug), ...responses.filter((r) => r.status === 'submitted').map((r) => r.measureSlug)])];
  return slugs.flatMap((slug) => {
    const measure = getMeasure(slug);
    if (!measure) return [];
    const schedule = schedules.find((s) => s.measureSlug === slug) ?? null;
    const submitted = responses.filter((r) => r.measureSlug === slug && r.status === 'submitted' && !superseded.has(r.id) && r.respondedOn !== null);
    const draft = responses.find((r) => r.measureSlug === slug && r.status === 'draft') ?? null;
    const due = schedule ? measureDue(schedule, submitted.map((r) => r.respondedOn!), today, discharged) : { due: false, occasion: null, dueSince: null, overdue: false };
    return [{
      measure,
      schedule: schedule && { id: schedule.id, atIntake: schedule.atIntake, everyWeeks: schedule.everyWeeks, atDischarge: schedule.atDischarge, startDate: schedule.startDate },
      due,
      responses: submitted.map((r) => ({ id: r.id, respondedOn: r.respondedOn!, score: r.score, answers: r.answers, supersedesId: r.supersedesId })),
      change: measureChange(measure, submitted.map((r) => ({ date: r.respondedOn!, answers: r.answers }))),
      draft: draft && { id: draft.id, answers: draft.answers, updatedAt: draft.updatedAt },
    }];
  });
}

/**
 * Save the patient's answers so far (portal "save and come back") or submit them: submitted
 * answers must score as valid (the reason comes back otherwise) and are locked; a correction
 * names the response it supersedes.
 */
export async function saveMeasureResponse(
  actor: Actor,
  input: { measureSlug: string; answers: Answers; submit: boolean; patientId?: string; supersedesId?: string },
): Promise<{ id: string; submitted: boolean; score: number | null }> {
  assertCan(actor, 'entry:log');
  const measure = measureOr404(input.measureSlug);
  const scored = scoreResponse(measure, input.answers);
  // A draft may be incomplete, but never hold an impossible answer.
  if (!scored.valid && (input.submit || !/^\d+ answered; needs/.test(scored.reason ?? ''))) {
    throw new AppError('invalid', input.submit ? `This questionnaire is not complete yet: ${scored.reason}.` : `Please check your answers: ${scored.reason}.`);
  }
  const today = localDate(new Date(), actor.timeZone);
  return getDb().transaction(async (tx) => {
    const patientId = await resolveEntryPatient(tx, actor, input.patientId);
    // A patient answers only what they were asked for: a live schedule of this instrument (or a
    // correction of their own earlier answer, checked below). Staff may record any instrument,
    // e.g. a paper form brought to a visit.
    if (actor.patientId && !input.supersedesId) {
      const [schedule] = await tx
        .select({ id: measureSchedules.id })
        .from(measureSchedules)
        .where(and(eq(measureSchedules.practiceId, actor.practiceId), eq(measureSchedules.patientId, patientId), eq(measureSchedules.measureSlug, measure.slug), isNull(measureSchedules.endedAt)))
        .limit(1);
      if (!schedule) throw notFound('Questionnaire not found.');
    }
    if (input.supersedesId) {
      const [old] = await tx
        .select({ id: measureResponses.id })
        .from(measureResponses)
        .where(and(eq(measureResponses.id, input.supersedesId), eq(measureResponses.practiceId, actor.practiceId), eq(measureResponses.patientId, patientId), eq(measureResponses.measureSlug, measure.slug), eq(measureResponses.status, 'submitted')));
      if (!old) throw notFound('Response not found.');
      const [already] = await tx.select({ id: measureResponses.id }).from(measureResponses).where(eq(measureResponses.supersedesId, input.supersedesId)).limit(1);
      if (already) throw new AppError('conflict', 'This response has already been corrected: correct the newer one.');
    }
    const [draft] = await tx
      .select({ id: measureResponses.id })
      .from(measureResponses)
      .where(and(eq(measureResponses.practiceId, actor.practiceId), eq(measureResponses.patientId, patientId), eq(measureResponses.measureSlug, measure.slug), eq(measureResponses.status, 'draft')))
      .for('update');
    const values = {
      answers: input.answers, contentVersion: measure.contentVersion, updatedAt: new Date(), enteredBy: actor.userId,
      ...(input.submit && { status: 'submitted' as const, score: scored.score, respondedOn: today, submittedAt: new Date(), supersedesId: input.supersedesId ?? null }),
    };
    const [row] = draft
      ? await tx.update(measureResponses).set(values).where(eq(measureResponses.id, draft.id)).returning({ id: measureResponses.id })
      : await tx.insert(measureResponses).values({ practiceId: actor.practiceId, patientId, measureSlug: measure.slug, ...values }).returning({ id: measureResponses.id });
    if (input.submit) {
      await audit(tx, actor, { action: input.supersedesId ? 'measure.correct' : 'measure.submit', entity: 'measure_response', entityId: row!.id, patientId, meta: { measure: measure.slug, score: scored.score } });
    }
    return { id: row!.id, submitted: input.submit, score: input.submit ? scored.score : null };
  });
}

/** The measures due for the signed-in patient (the portal's Today and Questionnaires). */
export async function dueMeasures(actor: Actor): Promise<MeasureOverview[]> {
  if (!actor.patientId) return [];
  return (await listPatientMeasures(actor, actor.patientId)).filter((m) => m.due.due);
}

/** The instruments a physio can assign. */
export function assignableMeasures() {
  return getMeasures().map((m) => ({ slug: m.slug, title: m.title, shortTitle: m.shortTitle }));
}

/**
 * Patients (the physio's own, or the whole practice) with a questionnaire overdue: the
 * dashboard's quiet signal, not an alert, so it never competes with safety. measureDue decides.
 */
export async function overdueMeasures(actor: Actor, scope: 'mine' | 'practice'): Promise<{ patientId: string; name: string; measure: string; dueSince: string }[]> {
  assertCan(actor, 'alert:read');
  const result = await getDb().execute(sql`
    SELECT s.patient_id, p.first_name, p.last_name, s.measure_slug, s.start_date::text AS start_date, s.at_intake, s.every_weeks, s.at_discharge,
           coalesce(array_agg(r.responded_on::text) FILTER (WHERE r.status = 'submitted'), '{}') AS answered
    FROM measure_schedules s
    JOIN patients p ON p.id = s.patient_id AND p.practice_id = ${actor.practiceId}
    LEFT JOIN measure_responses r ON r.patient_id = s.patient_id AND r.measure_slug = s.measure_slug AND r.practice_id = ${actor.practiceId}
    WHERE s.practice_id = ${actor.practiceId} AND s.ended_at IS NULL AND p.status = 'active'
      ${scope === 'mine' ? sql`AND p.treating_physio_id = ${actor.userId}` : sql``}
    GROUP BY s.id, p.id
    LIMIT 5000`);
  type Row = { patient_id: string; first_name: string; last_name: string; measure_slug: string; start_date: string; at_intake: boolean; every_weeks: number | null; at_discharge: boolean; answered: string[] | string };
  const rows = rowsOf<Row>(result);
  const today = localDate(new Date(), actor.timeZone);
  return rows.flatMap((r) => {
    // postgres.js parses text[]; PGlite may hand back the literal.
    const answered = Array.isArray(r.answered) ? r.answered : r.answered.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
    const due = measureDue({ startDate: r.start_date, atIntake: r.at_intake, everyWeeks: r.every_weeks, atDischarge: r.at_discharge }, answered, today);
    return due.overdue ? [{ patientId: r.patient_id, name: `${r.first_name} ${r.last_name}`, measure: getMeasure(r.measure_slug)?.shortTitle ?? r.measure_slug, dueSince: due.dueSince! }] : [];
  }).sort((a, b) => a.dueSince.localeCompare(b.dueSince) || a.name.localeCompare(b.name)); // longest overdue first
}
