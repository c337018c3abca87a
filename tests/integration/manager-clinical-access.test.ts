// The practice manager (admin without physio) handles contact and account data, not the
// clinical record (issue 14): no clinical export, no clinical details in the audit log,
// no clinical filters or sorts on the patients list. An admin who is also a physio keeps them.
import { strFromU8, unzipSync } from 'fflate';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { GET as auditCsv } from '@/app/api/admin/audit.csv/route';
import { GET as exportRoute } from '@/app/api/admin/patients/[patientId]/export/route';
import { refreshAlertState } from '@/lib/data/alert-state';
import { logPain, logSession, voidEntry } from '@/lib/data/entries';
import { exportAuditEvents, listAuditEvents } from '@/lib/data/audit-log';
import { exportPatientContact, exportPatientData } from '@/lib/data/patient-export';
import { listPatients } from '@/lib/data/patients';
import { createProgram } from '@/lib/data/programs';
import { localDate } from '@/lib/dates';
import { toFhirBundle } from '@/lib/export/fhir';
import { patientArchive } from '@/lib/export/patient-archive';
import { clinicalListParams, patientListParams } from '@/lib/validation/patient-list';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { libraryExerciseId } from '../helpers/library';
import { signInAs, signOut } from '../helpers/session';

setupTestDb();
beforeEach(() => signOut());

const CLINICAL = ['CONDITION-SECRET', 'GOALS-SECRET', 'NOTES-SECRET', 'PAIN-NOTE-SECRET', 'SESSION-NOTE-SECRET', 'VOID-REASON-SECRET', 'PROGRAM-SECRET', 'cancer-history', 'leg-numbness'];

async function seed() {
  const practice = await createPractice();
  const manager = await createStaff(practice.id, ['admin']);
  const clinicalAdmin = await createStaff(practice.id, ['admin', 'physio']);
  const physio = await createStaff(practice.id, ['physio']);
  const { patient, user } = await createPatientAccount(practice.id, {
    firstName: 'Mona', lastName: 'Ager', email: `mona.${Date.now()}@test.example`, phone: '+44 7700 900555', treatingPhysioId: physio.id,
    condition: 'CONDITION-SECRET', goals: 'GOALS-SECRET', notes: 'NOTES-SECRET', screeningFlags: ['cancer-history'], screeningUpdatedAt: new Date(), screeningUpdatedBy: physio.id,
  });
  // A quiet patient, so the list has more than one row to sort and filter.
  const quiet = await createPatient(practice.id, { firstName: 'Quinn', lastName: 'Zed', treatingPhysioId: physio.id });
  const physioActor = await actorFor(physio);
  const me = await actorFor(user);
  const today = localDate(new Date(), physioActor.timeZone);
  await createProgram(physioActor, patient.id, {
    title: 'PROGRAM-SECRET', startDate: today, articleSlugs: [],
    items: [{ exerciseId: await libraryExerciseId('bird-dog'), sets: 2, reps: 8, sessionsPerWeek: 3 }],
  });
  const pain = await logPain(me, { idempotencyKey: `mgr-${Date.now()}-1`, score: 8, locations: ['lower-back'], symptoms: ['leg-numbness'], date: today, notes: 'PAIN-NOTE-SECRET' });
  await logPain(me, { idempotencyKey: `mgr-${Date.now()}-2`, score: 7, locations: ['lower-back'], symptoms: [], date: today });
  await voidEntry(me, 'pain', pain.id, 'VOID-REASON-SECRET');
  await logSession(me, { idempotencyKey: `mgr-${Date.now()}-3`, activity: 'run', date: today, durationMin: 30, rpe: 5, notes: 'SESSION-NOTE-SECRET' });
  await refreshAlertState(practice.id, [patient.id, quiet.id]);
  return { practice, manager, clinicalAdmin, physio, patient, quiet };
}

const expectNoClinical = (value: unknown, what: string) => {
  const text = JSON.stringify(value);
  for (const secret of CLINICAL) expect(text, `${what} shows ${secret}`).not.toContain(secret);
};

describe('patient export for a practice manager', () => {
  it('the clinical export is refused (403 in the route); nothing is audited as exported', async () => {
    const { manager, patient } = await seed();
    await expect(exportPatientData(await actorFor(manager), patient.id, 'json')).rejects.toMatchObject({ code: 'forbidden' });
    signInAs(manager);
    const refused = await exportRoute(new NextRequest(`http://localhost/api/admin/patients/${patient.id}/export?format=json`), { params: Promise.resolve({ patientId: patient.id }) });
    expect(refused.status).toBe(403);
  });

  it('the contact export holds identity, contact and account data only, in JSON, ZIP and FHIR', async () => {
    const { manager, patient } = await seed();
    const data = await exportPatientContact(await actorFor(manager), patient.id, 'json');
    expect(data.contents).toBe('contact');
    expect(data.patient).toMatchObject({ id: patient.id, firstName: 'Mona', lastName: 'Ager', phone: '+44 7700 900555', condition: null, goals: null, notes: null, screeningFlags: [] });
    expect(data.account).toMatchObject({ email: expect.stringMatching(/@test\.example$/), status: 'active' });
    expect(data).toMatchObject({ programs: [], exerciseCompletions: [], painReports: [], trainingSessions: [], alertAcknowledgements: [], currentAlerts: null });
    // The trail says who did what to the record and when, without the clinical details.
    expect(data.auditEvents.map((e) => e.action)).toEqual(expect.arrayContaining(['program.create', 'pain.create', 'pain.void', 'session.create', 'patient.export']));
    expectNoClinical(data, 'contact export');
    const files = unzipSync(patientArchive(data));
    for (const [name, bytes] of Object.entries(files)) expectNoClinical(strFromU8(bytes), name);
    expect(strFromU8(files['README.txt']!)).toContain('identity, contact and account data only');
    const bundle = toFhirBundle(data);
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Patient']);

    signInAs(manager);
    const response = await exportRoute(new NextRequest(`http://localhost/x?format=json&part=contact`), { params: Promise.resolve({ patientId: patient.id }) });
    expect(response.status).toBe(200);
    expectNoClinical(await response.json(), 'contact export route');
  });

  it('an admin who is also a physio still exports the full record', async () => {
    const { clinicalAdmin, patient } = await seed();
    const data = await exportPatientData(await actorFor(clinicalAdmin), patient.id, 'json');
    expect(data.contents).toBe('full');
    expect(data.painReports).toHaveLength(2);
    expect(data.patient).toMatchObject({ condition: 'CONDITION-SECRET', screeningFlags: ['cancer-history'] });
    expect(JSON.stringify(data.auditEvents)).toContain('VOID-REASON-SECRET');
  });
});

describe('audit log for a practice manager', () => {
  it('lists who did what to which record and when, without clinical details (page and CSV)', async () => {
    const { manager, clinicalAdmin, patient } = await seed();
    const { rows } = await listAuditEvents(await actorFor(manager), { patientId: patient.id });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['program.create', 'pain.create', 'pain.void', 'session.create']));
    expect(rows.every((r) => r.patientName === 'Ager, Mona' && r.createdAt)).toBe(true);
    for (const row of rows.filter((r) => /^(pain|session|program|safety|alert)\./.test(r.action))) expect(row, row.action).toMatchObject({ meta: null, clinicalHidden: true });
    expectNoClinical(rows, 'audit rows');
    expect(JSON.stringify(rows)).not.toMatch(/"score"|"redFlags"|"tier"|"reason"/);

    const exported = await exportAuditEvents(await actorFor(manager), { patientId: patient.id });
    expectNoClinical(exported.rows, 'audit export');
    signInAs(manager);
    const csv = await (await auditCsv(new NextRequest(`http://localhost/api/admin/audit.csv?patient=${patient.id}`))).text();
    expect(csv).toContain('pain.void');
    expectNoClinical(csv, 'audit CSV');

    // A clinical admin sees the details.
    const clinical = await listAuditEvents(await actorFor(clinicalAdmin), { patientId: patient.id });
    expect(clinical.rows.find((r) => r.action === 'pain.void')).toMatchObject({ meta: { reason: 'VOID-REASON-SECRET' }, clinicalHidden: false });
  });

  it('keeps administrative details for a manager (here: their own contact export)', async () => {
    const { manager, patient } = await seed();
    await exportPatientContact(await actorFor(manager), patient.id, 'zip');
    const { rows } = await listAuditEvents(await actorFor(manager), { action: 'patient.export' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ meta: { format: 'zip', contents: 'contact' }, clinicalHidden: false });
  });
});

describe('patients list for a practice manager', () => {
  it('ignores the alerts filter and the clinical sorts (the data layer and the URL parser)', async () => {
    const { manager, clinicalAdmin, patient, quiet } = await seed();
    const actor = await actorFor(manager);
    const withAlerts = await listPatients(actor, { withAlerts: true, status: 'all' });
    expect(withAlerts.rows.map((r) => r.id).sort()).toEqual([patient.id, quiet.id].sort());
    // By last pain or activity ascending (no entries first) Zed would lead; for a manager the
    // clinical sorts fall back to the name.
    const byPain = await listPatients(actor, { sort: 'lastPain', dir: 'asc', status: 'all' });
    expect(byPain.rows.map((r) => r.lastName)).toEqual(['Ager', 'Zed']);
    const byActivity = await listPatients(actor, { sort: 'lastActivity', dir: 'asc', status: 'all' });
    expect(byActivity.rows.map((r) => r.lastName)).toEqual(['Ager', 'Zed']);
    expectNoClinical(byPain.rows, 'patients list');

    const clinical = await actorFor(clinicalAdmin);
    expect((await listPatients(clinical, { withAlerts: true, status: 'all' })).rows.map((r) => r.id)).toEqual([patient.id]);
    expect((await listPatients(clinical, { sort: 'lastPain', dir: 'asc', status: 'all' })).rows.map((r) => r.id)).toEqual([quiet.id, patient.id]);

    const params = patientListParams.parse({ alerts: '1', sort: 'lastPain', dir: 'desc', q: 'Mona' });
    expect(clinicalListParams(params, actor)).toEqual({ q: 'Mona', dir: 'desc' });
    expect(clinicalListParams(params, clinical)).toEqual(params);
    expect(clinicalListParams(patientListParams.parse({ sort: 'age' }), actor)).toEqual({ sort: 'age' });
  });
});
