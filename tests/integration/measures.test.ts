// Issue 15: outcome measures on the record — a physio schedules one, the patient saves a
// draft and submits, the score and the change come from lib/analytics/measures.ts, a
// submitted response is locked (a correction supersedes it), and nobody else can answer.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, measureResponses, measureSchedules, patients, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { assignMeasureAction } from '@/lib/actions/measures/assign-measure';
import { endMeasureScheduleAction } from '@/lib/actions/measures/end-measure-schedule';
import { saveMeasureResponseAction } from '@/lib/actions/measures/save-measure-response';
import { dueMeasures, listPatientMeasures, overdueMeasures, saveMeasureResponse } from '@/lib/data/measures';
import { listPatients } from '@/lib/data/patients';
import { createProgram, updateProgram } from '@/lib/data/programs';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { sampleProgram } from '../helpers/library';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();

const PSFS = 'patient-specific-functional-scale';
const psfs = (ratings: [string, number][]) => Object.fromEntries(ratings.flatMap(([label, value], i) => [[`l.activity-${i + 1}`, label], [`a.activity-${i + 1}`, String(value)]]));

async function world() {
  const practice = await createPractice();
  const physio = await createStaff(practice.id, ['physio']);
  const { patient, user } = await createPatientAccount(practice.id, { treatingPhysioId: physio.id });
  const other = await createPatientAccount(practice.id);
  return { practice, physio, patient, patientUser: user, other };
}

describe('outcome measures', () => {
  it('scheduled at intake it is due; a draft keeps the answers; submitting scores and locks it', async () => {
    const w = await world();
    signInAs(w.physio);
    expect(await assignMeasureAction(null, { patientId: w.patient.id, measureSlug: PSFS, atIntake: 'on', everyWeeks: '4' })).toMatchObject({ ok: true });
    expect(await assignMeasureAction(null, { patientId: w.patient.id, measureSlug: PSFS })).toMatchObject({ ok: false, fieldErrors: { atIntake: expect.any(Array) } });
    expect(await assignMeasureAction(null, { patientId: w.patient.id, measureSlug: 'oswestry', atIntake: 'on' })).toMatchObject({ ok: false, code: 'not_found' });

    signInAs(w.patientUser);
    const me = await actorFor(w.patientUser);
    expect((await dueMeasures(me)).map((m) => [m.measure.slug, m.due.occasion])).toEqual([[PSFS, 'intake']]);
    // Save two activities and come back later: the draft holds them, nothing is scored yet.
    expect(await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'save', ...psfs([['Running 5 km', 3], ['Sitting at work', 5]]) })).toMatchObject({ ok: true, data: { submitted: false } });
    const [draft] = await listPatientMeasures(me, w.patient.id);
    expect(draft?.draft?.answers).toEqual({ 'activity-1': { label: 'Running 5 km', value: 3 }, 'activity-2': { label: 'Sitting at work', value: 5 } });
    // Submitting with two of the needed three is refused with the reason.
    const short = await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', ...psfs([['Running 5 km', 3], ['Sitting at work', 5]]) });
    expect(short).toMatchObject({ ok: false, code: 'invalid' });
    expect(short.ok ? '' : short.message).toContain('2 answered');
    // Three activities: mean (3 + 5 + 4) / 3 = 4.
    expect(await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', ...psfs([['Running 5 km', 3], ['Sitting at work', 5], ['Lifting my child', 4]]) })).toMatchObject({ ok: true, data: { submitted: true, score: 4 } });
    expect(await dueMeasures(me)).toEqual([]);
    const rows = await testDb.db.select().from(measureResponses).where(eq(measureResponses.patientId, w.patient.id));
    expect(rows).toMatchObject([{ status: 'submitted', score: 4, measureSlug: PSFS }]);
    expect((await testDb.db.select().from(auditEvents).where(eq(auditEvents.action, 'measure.submit'))).filter((e) => e.patientId === w.patient.id)).toHaveLength(1);

    // A correction supersedes; the old one stays in the table, the overview counts the new one.
    const corrected = await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', supersedesId: rows[0]!.id, ...psfs([['Running 5 km', 2], ['Sitting at work', 5], ['Lifting my child', 5]]) });
    expect(corrected).toMatchObject({ ok: true, data: { score: 4 } });
    const [overview] = await listPatientMeasures(me, w.patient.id);
    expect(overview?.responses.map((r) => r.supersedesId)).toEqual([rows[0]!.id]);
    expect(await testDb.db.select().from(measureResponses).where(eq(measureResponses.patientId, w.patient.id))).toHaveLength(2);
    // Correcting the same response twice is refused (one correction each).
    expect(await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', supersedesId: rows[0]!.id, ...psfs([['Running 5 km', 1], ['Sitting at work', 1], ['Lifting my child', 1]]) })).toMatchObject({ ok: false });
  });

  it('an impossible answer is refused even in a draft; another patient cannot supersede this one', async () => {
    const w = await world();
    signInAs(w.physio);
    await assignMeasureAction(null, { patientId: w.patient.id, measureSlug: PSFS, atIntake: 'on' });
    signInAs(w.patientUser);
    expect(await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'save', 'a.activity-1': '11', 'l.activity-1': 'Running' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'save', 'a.activity-9': '3' })).toMatchObject({ ok: false, code: 'invalid' });
    const done = await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', ...psfs([['Running', 3], ['Sitting', 5], ['Lifting', 4]]) });
    signInAs(w.other.user);
    const theirs = await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', supersedesId: done.ok ? done.data.id : '', ...psfs([['A', 1], ['B', 1], ['C', 1]]) });
    expect(theirs).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('a patient answers only a questionnaire they were asked for: none scheduled or the schedule ended is not found; staff may record one from paper', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const three = psfs([['Running', 3], ['Sitting', 5], ['Lifting', 4]]);
    expect(await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'save', ...three })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', ...three })).toMatchObject({ ok: false, code: 'not_found' });
    signInAs(w.physio);
    await assignMeasureAction(null, { patientId: w.patient.id, measureSlug: PSFS, atIntake: 'on' });
    const physio = await actorFor(w.physio);
    const [scheduled] = await listPatientMeasures(physio, w.patient.id);
    await endMeasureScheduleAction(null, { scheduleId: scheduled!.schedule!.id, patientId: w.patient.id });
    signInAs(w.patientUser);
    expect(await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', ...three })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await testDb.db.select().from(measureResponses).where(eq(measureResponses.patientId, w.patient.id))).toEqual([]);
    // Staff may record a paper form the patient brought in (the data layer allows it without a schedule).
    const answers = { 'activity-1': { label: 'Running', value: 3 }, 'activity-2': { label: 'Sitting', value: 5 }, 'activity-3': { label: 'Lifting', value: 4 } };
    expect(await saveMeasureResponse(physio, { measureSlug: PSFS, answers, submit: true, patientId: w.patient.id })).toMatchObject({ submitted: true, score: 4 });
  });

  it('a program made from a template schedules its default questionnaires from the start date, keeping one already scheduled', async () => {
    const w = await world();
    signInAs(w.physio);
    const physio = await actorFor(w.physio);
    // The physio already asks for the running check every 4 weeks: the template's every-2-weeks default must not replace it.
    await assignMeasureAction(null, { patientId: w.patient.id, measureSlug: 'running-function-check', atIntake: 'on', everyWeeks: '4' });
    const program = await createProgram(physio, w.patient.id, await sampleProgram({ templateSlug: 'return-to-running', startDate: '2026-11-02' }));
    const schedules = await testDb.db.select().from(measureSchedules).where(eq(measureSchedules.patientId, w.patient.id));
    const live = schedules.filter((s) => s.endedAt === null).map((s) => ({ slug: s.measureSlug, atIntake: s.atIntake, everyWeeks: s.everyWeeks, atDischarge: s.atDischarge, startDate: s.startDate }));
    expect(live.sort((a, b) => a.slug.localeCompare(b.slug))).toEqual([
      { slug: 'global-rating-of-change', atIntake: false, everyWeeks: null, atDischarge: true, startDate: '2026-11-02' },
      { slug: 'running-function-check', atIntake: true, everyWeeks: 4, atDischarge: false, startDate: expect.any(String) },
    ]);
    const audited = await testDb.db.select().from(auditEvents).where(eq(auditEvents.action, 'measure.assign'));
    expect(audited.filter((e) => e.patientId === w.patient.id).map((e) => e.meta)).toContainEqual(expect.objectContaining({ measure: 'global-rating-of-change', template: 'return-to-running' }));
    // Editing the program does not schedule anything again.
    await updateProgram(physio, program.id, program.version, await sampleProgram({ templateSlug: 'return-to-running', startDate: '2026-11-02', title: 'Return to running, week 2' }));
    expect((await testDb.db.select().from(measureSchedules).where(eq(measureSchedules.patientId, w.patient.id))).length).toBe(schedules.length);
  });

  it('the change from the first response is judged against the instrument’s MCID; ending the schedule stops asking', async () => {
    const w = await world();
    signInAs(w.physio);
    await assignMeasureAction(null, { patientId: w.patient.id, measureSlug: PSFS, atIntake: 'on' });
    signInAs(w.patientUser);
    await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', ...psfs([['Running', 2], ['Sitting', 4], ['Lifting', 3]]) });
    // A later response (same day here): mean 3 → 6, +3 ≥ 2 points.
    await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', ...psfs([['Running', 5], ['Sitting', 7], ['Lifting', 6]]) });
    signInAs(w.physio);
    const physio = await actorFor(w.physio);
    const [m] = await listPatientMeasures(physio, w.patient.id);
    expect(m?.change).toMatchObject({ change: 3, threshold: 2, clinicallyImproved: true, clinicallyWorse: false });
    expect(await endMeasureScheduleAction(null, { scheduleId: m!.schedule!.id, patientId: w.patient.id })).toMatchObject({ ok: true });
    const [after] = await listPatientMeasures(physio, w.patient.id);
    expect(after).toMatchObject({ schedule: null, due: { due: false } });
    expect(after?.responses).toHaveLength(2);
  });

  it('the demo seed tells three stories: Tom improved, Priya worse, George no important change; none due', async () => {
    await seedDemo(testDb.db);
    const [sam] = await testDb.db.select().from(users).where(eq(users.email, 'sam@riverside.example'));
    const physio = await actorFor(sam!);
    const verdict = async (first: string) => {
      const [patient] = await testDb.db.select().from(patients).where(eq(patients.firstName, first));
      const [m] = await listPatientMeasures(physio, patient!.id);
      return { improved: m?.change.clinicallyImproved, worse: m?.change.clinicallyWorse, due: m?.due.due };
    };
    expect(await verdict('Tom')).toEqual({ improved: true, worse: false, due: false });
    expect(await verdict('Priya')).toEqual({ improved: false, worse: true, due: false });
    expect(await verdict('George')).toEqual({ improved: false, worse: false, due: false });
    // The patients table's outcome column says the same.
    const table = await listPatients(physio, { status: 'all', pageSize: 100 });
    const outcome = (first: string) => table.rows.find((r) => r.firstName === first)?.outcome;
    expect(outcome('Tom')).toEqual({ measure: 'PSFS', change: 3, verdict: 'improved' });
    expect(outcome('Priya')).toMatchObject({ measure: 'PSFS', verdict: 'worse' });
    expect(outcome('George')).toMatchObject({ measure: 'PSFS', verdict: 'no-change' });
  });

  it('an overdue questionnaire is a quiet dashboard signal for the treating physio (more than 7 days due)', async () => {
    const w = await world();
    signInAs(w.physio);
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    expect(await assignMeasureAction(null, { patientId: w.patient.id, measureSlug: PSFS, atIntake: 'on', startDate: old })).toMatchObject({ ok: true });
    const physio = await actorFor(w.physio);
    expect(await overdueMeasures(physio, 'mine')).toEqual([{ patientId: w.patient.id, name: `${w.patient.firstName} ${w.patient.lastName}`, measure: 'PSFS', dueSince: old }]);
    signInAs(w.patientUser);
    await saveMeasureResponseAction(null, { measureSlug: PSFS, intent: 'submit', ...psfs([['Running', 3], ['Sitting', 5], ['Lifting', 4]]) });
    expect(await overdueMeasures(physio, 'mine')).toEqual([]);
  });
});
