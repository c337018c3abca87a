import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { alertAcknowledgements, auditEvents, exercises } from '@/db/schema';
import { GET as exportRoute } from '@/app/api/admin/patients/[patientId]/export/route';
import { setCompletion } from '@/lib/data/completions';
import { logPain, logSession, voidEntry } from '@/lib/data/entries';
import { assignMeasure, saveMeasureResponse } from '@/lib/data/measures';
import { exportPatientData } from '@/lib/data/patient-export';
import { createProgram, getActiveProgram, updateProgram } from '@/lib/data/programs';
import { addDays, localDate } from '@/lib/dates';
import { toFhirBundle } from '@/lib/export/fhir';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();
beforeEach(() => signOut());

// ---- The parts of FHIR R4 this export uses, as a schema (hl7.org/fhir/R4) ----
const id = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/);
const dateTime = z.string().regex(/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const coding = z.object({ system: z.url().optional(), code: z.string().min(1).optional(), display: z.string().optional() }).strict();
const codeableConcept = z.object({ coding: z.array(coding).min(1).optional(), text: z.string().optional() }).strict().refine((c) => c.coding || c.text, 'empty CodeableConcept');
const quantity = z.object({ value: z.number(), unit: z.string(), system: z.literal('http://unitsofmeasure.org'), code: z.string() }).strict();
const reference = z.object({ reference: z.string().regex(/^(Patient)\/[A-Za-z0-9\-.]{1,64}$/) }).strict();
const annotation = z.object({ text: z.string().min(1) }).strict();
const fhirPatient = z.object({
  resourceType: z.literal('Patient'),
  id,
  identifier: z.array(z.object({ system: z.string(), value: z.string() }).strict()).optional(),
  active: z.boolean().optional(),
  name: z.array(z.object({ use: z.enum(['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden']).optional(), family: z.string().optional(), given: z.array(z.string()).optional(), text: z.string().optional() }).strict()).min(1),
  telecom: z.array(z.object({ system: z.enum(['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']), value: z.string(), use: z.enum(['home', 'work', 'temp', 'old', 'mobile']).optional() }).strict()).optional(),
  birthDate: date.optional(),
  managingOrganization: z.object({ display: z.string() }).strict().optional(),
}).strict();
const component = z.object({ code: codeableConcept, valueQuantity: quantity.optional(), valueCodeableConcept: codeableConcept.optional() }).strict();
const observation = z.object({
  resourceType: z.literal('Observation'),
  id,
  status: z.enum(['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown']),
  category: z.array(codeableConcept).optional(),
  code: codeableConcept,
  subject: reference,
  effectiveDateTime: dateTime,
  issued: z.iso.datetime().optional(),
  valueQuantity: quantity.optional(),
  component: z.array(component).optional(),
  note: z.array(annotation).optional(),
  derivedFrom: z.array(z.object({ reference: z.string().regex(/^QuestionnaireResponse\/[0-9a-f-]{36}$/) }).strict()).optional(),
}).strict();
const answerValue = z.union([z.object({ valueInteger: z.number().int() }).strict(), z.object({ valueString: z.string() }).strict(), z.object({ valueCoding: z.object({ system: z.string(), code: z.string(), display: z.string().optional() }).strict() }).strict()]);
const questionnaire = z.object({
  resourceType: z.literal('Questionnaire'),
  id,
  url: z.url(),
  version: z.string(),
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  title: z.string(),
  status: z.enum(['draft', 'active', 'retired', 'unknown']),
  description: z.string().optional(),
  copyright: z.string().optional(),
  item: z.array(z.object({ linkId: z.string(), text: z.string(), type: z.enum(['integer', 'choice', 'text', 'string']), answerOption: z.array(z.object({ valueCoding: z.object({ system: z.string(), code: z.string(), display: z.string() }).strict() }).strict()).optional() }).strict()).min(1),
}).strict();
const questionnaireResponse = z.object({
  resourceType: z.literal('QuestionnaireResponse'),
  id,
  questionnaire: z.string().regex(/^https:\/\/.+\|[0-9a-f]+$/),
  status: z.enum(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']),
  subject: reference,
  authored: z.iso.datetime(),
  item: z.array(z.object({ linkId: z.string(), answer: z.array(answerValue).min(1) }).strict()),
}).strict();
const carePlan = z.object({
  resourceType: z.literal('CarePlan'),
  id,
  status: z.enum(['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown']),
  intent: z.enum(['proposal', 'plan', 'order', 'option']),
  title: z.string().optional(),
  description: z.string().optional(),
  subject: reference,
  period: z.object({ start: dateTime.optional(), end: dateTime.optional() }).strict().optional(),
  created: dateTime.optional(),
  activity: z.array(z.object({
    detail: z.object({
      kind: z.enum(['Appointment', 'CommunicationRequest', 'DeviceRequest', 'MedicationRequest', 'NutritionOrder', 'Task', 'ServiceRequest', 'VisionPrescription']).optional(),
      code: codeableConcept.optional(),
      status: z.enum(['not-started', 'scheduled', 'in-progress', 'on-hold', 'completed', 'cancelled', 'stopped', 'unknown', 'entered-in-error']),
      description: z.string().optional(),
    }).strict(),
  }).strict()),
}).strict();
const fhirBundle = z.object({
  resourceType: z.literal('Bundle'),
  id,
  type: z.literal('collection'),
  timestamp: z.iso.datetime(),
  entry: z.array(z.object({ fullUrl: z.string().regex(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), resource: z.discriminatedUnion('resourceType', [fhirPatient, observation, carePlan, questionnaire, questionnaireResponse]) }).strict()),
}).superRefine((bundle, ctx) => {
  const urls = bundle.entry.map((e) => e.fullUrl);
  if (new Set(urls).size !== urls.length) ctx.addIssue({ code: 'custom', message: 'fullUrl must be unique' });
  const ids = new Set(bundle.entry.map((e) => `${e.resource.resourceType}/${e.resource.id}`));
  bundle.entry.forEach((e, i) => {
    if (e.fullUrl !== `urn:uuid:${e.resource.id}`) ctx.addIssue({ code: 'custom', path: ['entry', i, 'fullUrl'], message: 'fullUrl does not match the resource id' });
    const ref = 'subject' in e.resource ? e.resource.subject.reference : null;
    if (ref && !ids.has(ref)) ctx.addIssue({ code: 'custom', path: ['entry', i, 'resource', 'subject'], message: `unresolvable reference ${ref}` });
    if (e.resource.resourceType === 'Observation' && !e.resource.valueQuantity && !e.resource.component?.length) ctx.addIssue({ code: 'custom', path: ['entry', i], message: 'Observation without a value' });
  });
});

async function seedPatientRecord() {
  const practice = await createPractice();
  // The clinical export needs a clinical role: the admin here is also a physio (a practice
  // manager's export is in manager-clinical-access.test.ts).
  const admin = await createStaff(practice.id, ['admin', 'physio']);
  const physio = await createStaff(practice.id, ['physio']);
  const otherPhysio = await createStaff(practice.id, ['physio']);
  const { patient, user: patientUser } = await createPatientAccount(practice.id, { treatingPhysioId: physio.id, email: `p-${Date.now()}@example.com`, phone: '+44 7700 900123' });
  const physioActor = await actorFor(physio);
  const today = localDate(new Date(), physioActor.timeZone);
  const [exercise] = await testDb.db.select().from(exercises).limit(2);
  const program = await createProgram(physioActor, patient.id, {
    title: 'Back to running', startDate: addDays(today, -10), goals: 'Run 5 km pain-free', articleSlugs: [],
    items: [{ exerciseId: exercise!.id, sets: 3, reps: 10, sessionsPerWeek: 3 }],
  });
  await updateProgram(physioActor, program.id, program.version, {
    title: 'Back to running (week 2)', startDate: addDays(today, -10), articleSlugs: [],
    items: [{ exerciseId: exercise!.id, sets: 3, reps: 12, sessionsPerWeek: 4 }],
  });
  const active = await getActiveProgram(physioActor, patient.id);
  const me = await actorFor(patientUser);
  await setCompletion(me, { programItemId: active!.items[0]!.id, idempotencyKey: 'complete-0001', date: today, done: true });
  const pain = await logPain(me, { idempotencyKey: 'pain-00001', score: 4, locations: ['lower-back'], symptoms: [], date: addDays(today, -1), notes: '=cmd|calc stiff' });
  await logPain(me, { idempotencyKey: 'pain-00002', score: 3, locations: [], symptoms: [], date: today });
  await voidEntry(me, 'pain', pain.id, 'Entered twice by mistake');
  await logSession(me, { idempotencyKey: 'sess-00001', activity: 'run', date: today, durationMin: 30, distance: 5, rpe: 5, painDuring: 2 });
  await logSession(me, { idempotencyKey: 'sess-00002', activity: 'strength', date: today, durationMin: 20, rpe: 4 });
  await assignMeasure(physioActor, { patientId: patient.id, measureSlug: 'pain-rating-last-week', atIntake: true, atDischarge: false });
  await saveMeasureResponse(me, { measureSlug: 'pain-rating-last-week', answers: { 'average-pain': 4 }, submit: true });
  await testDb.db.insert(alertAcknowledgements).values({ practiceId: practice.id, patientId: patient.id, kind: 'pain-worse', level: 2, evidence: { baseline: 3, current: 5, change: 2 }, acknowledgedBy: physio.id });
  return { practice, admin, physio, otherPhysio, patient, patientUser };
}

describe('patient data export', () => {
  it('an admin downloads a ZIP with JSON, CSV and a valid FHIR R4 bundle; the export is audited', async () => {
    const { admin, patient } = await seedPatientRecord();
    signInAs(admin);
    const response = await exportRoute(new NextRequest(`http://localhost/api/admin/patients/${patient.id}/export`), { params: Promise.resolve({ patientId: patient.id }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="loadline-ient-[a-z0-9-]+-pat-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      'README.txt', 'clinical-summary.json', 'csv/alert-acknowledgements.csv', 'csv/audit-events.csv', 'csv/exercise-completions.csv', 'csv/measure-responses.csv', 'csv/pain-reports.csv', 'csv/patient.csv',
      'csv/program-items.csv', 'csv/program-versions.csv', 'csv/programs.csv', 'csv/session-check-ins.csv', 'csv/training-sessions.csv', 'export.json', 'fhir/bundle.json',
    ]);
    const data = JSON.parse(strFromU8(files['export.json']!));
    expect(data.patient.id).toBe(patient.id);
    expect(data.programs).toHaveLength(1);
    expect(data.programs[0].versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(data.exerciseCompletions).toHaveLength(1);
    expect(data.painReports).toHaveLength(2);
    expect(data.trainingSessions).toHaveLength(2);
    expect(data.alertAcknowledgements).toHaveLength(1);
    const actions = data.auditEvents.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['program.create', 'program.update', 'pain.create', 'pain.void', 'session.create', 'patient.export']));
    expect(JSON.stringify(data.auditEvents)).not.toContain('203.0.113.7'); // staff IPs stay in the practice log

    const painCsv = strFromU8(files['csv/pain-reports.csv']!).trim().split('\r\n');
    expect(painCsv[0]).toBe('id,localDate,reportedAt,score,locations,timing,symptoms,redFlags,notes,source,correctsId,voidedAt,voidReason,createdAt');
    expect(painCsv).toHaveLength(3);
    expect(painCsv.join('\n')).toContain("'=cmd|calc"); // no spreadsheet formula injection
    expect(strFromU8(files['csv/program-versions.csv']!).trim().split('\r\n')).toHaveLength(3);

    const bundle = fhirBundle.parse(JSON.parse(strFromU8(files['fhir/bundle.json']!)));
    const byType = (t: string) => bundle.entry.filter((e) => e.resource.resourceType === t).map((e) => e.resource);
    expect(byType('Patient')).toHaveLength(1);
    expect(byType('CarePlan')).toHaveLength(1);
    const observations = byType('Observation') as z.infer<typeof observation>[];
    const painObs = observations.filter((o) => o.code.coding?.[0]?.code === '72514-3');
    expect(painObs).toHaveLength(2);
    expect(painObs.every((o) => o.code.coding?.[0]?.system === 'http://loinc.org')).toBe(true);
    expect(painObs.map((o) => o.status).sort()).toEqual(['entered-in-error', 'final']);
    expect(painObs.find((o) => o.status === 'final')?.valueQuantity).toEqual({ value: 3, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' });
    const run = observations.find((o) => o.code.text === 'Training session' && o.component?.some((c) => c.valueCodeableConcept?.text === 'run'));
    expect(run?.component?.find((c) => c.code.text === 'Session load (duration x RPE)')?.valueQuantity?.value).toBe(150);
    expect(run?.component?.find((c) => c.code.text === 'Distance')?.valueQuantity).toMatchObject({ value: 5, code: 'km' });

    // The questionnaire, its response and the score, linked.
    expect(byType('Questionnaire').map((q) => (q as z.infer<typeof questionnaire>).title)).toEqual(['Pain rating over the last week']);
    const answered = byType('QuestionnaireResponse')[0] as z.infer<typeof questionnaireResponse>;
    expect(answered.item).toEqual([{ linkId: 'average-pain', answer: [{ valueInteger: 4 }] }]);
    expect(observations.find((o) => o.derivedFrom?.[0]?.reference === `QuestionnaireResponse/${answered.id}`)?.valueQuantity?.value).toBe(4);

    const [event] = await testDb.db.select().from(auditEvents).where(eq(auditEvents.action, 'patient.export'));
    expect(event).toMatchObject({ actorUserId: admin.id, patientId: patient.id, meta: { format: 'zip', contents: 'full' } });
  });

  it('the FHIR bundle alone is valid for a patient with no logs at all', async () => {
    const practice = await createPractice();
    const admin = await actorFor(await createStaff(practice.id, ['admin', 'physio']));
    const patient = await createPatient(practice.id, { email: null, dateOfBirth: null });
    const bundle = toFhirBundle(await exportPatientData(admin, patient.id, 'fhir'));
    expect(fhirBundle.parse(bundle).entry).toHaveLength(1);
  });

  it('serves JSON and FHIR on their own', async () => {
    const { physio, patient } = await seedPatientRecord();
    signInAs(physio);
    const ctx = { params: Promise.resolve({ patientId: patient.id }) };
    const fhir = await exportRoute(new NextRequest(`http://localhost/x?format=fhir`), ctx);
    expect(fhir.headers.get('content-type')).toContain('application/fhir+json');
    fhirBundle.parse(await fhir.json());
    const json = await exportRoute(new NextRequest(`http://localhost/x?format=json`), { params: Promise.resolve({ patientId: patient.id }) });
    expect((await json.json()).patient.id).toBe(patient.id);
  });

  it('the treating physio may export; another physio, a patient and another practice may not', async () => {
    const { physio, otherPhysio, patient, patientUser } = await seedPatientRecord();
    const elsewhere = await createPractice();
    const foreignAdmin = await actorFor(await createStaff(elsewhere.id, ['admin', 'physio']));
    expect((await exportPatientData(await actorFor(physio), patient.id, 'zip')).patient.id).toBe(patient.id);
    await expect(exportPatientData(await actorFor(otherPhysio), patient.id, 'zip')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(exportPatientData(await actorFor(patientUser), patient.id, 'zip')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(exportPatientData(foreignAdmin, patient.id, 'zip')).rejects.toMatchObject({ code: 'not_found' });
    const exports = await testDb.db.select().from(auditEvents).where(eq(auditEvents.patientId, patient.id));
    expect(exports.filter((e) => e.action === 'patient.export').map((e) => e.actorUserId)).toEqual([physio.id]);

    signInAs(otherPhysio);
    const refused = await exportRoute(new NextRequest('http://localhost/x'), { params: Promise.resolve({ patientId: patient.id }) });
    expect(refused.status).toBe(403);
    signOut();
    const anonymous = await exportRoute(new NextRequest('http://localhost/x'), { params: Promise.resolve({ patientId: patient.id }) });
    expect(anonymous.status).toBe(401);
    signInAs(physio);
    const bad = await exportRoute(new NextRequest('http://localhost/x'), { params: Promise.resolve({ patientId: 'not-a-uuid' }) });
    expect(bad.status).toBe(404);
  });

  it('the export audit event can never be changed or removed', async () => {
    const { admin, patient } = await seedPatientRecord();
    await exportPatientData(await actorFor(admin), patient.id, 'json');
    const [event] = await testDb.db.select().from(auditEvents).where(eq(auditEvents.action, 'patient.export')).limit(1);
    await expect(testDb.db.update(auditEvents).set({ action: 'nothing.happened' }).where(eq(auditEvents.id, event!.id))).rejects.toThrow();
    await expect(testDb.db.delete(auditEvents).where(eq(auditEvents.id, event!.id))).rejects.toThrow();
    const [still] = await testDb.db.select().from(auditEvents).where(eq(auditEvents.id, event!.id));
    expect(still?.action).toBe('patient.export');
  });
});
