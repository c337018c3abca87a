// Red-flag history screened at intake: saved through the real server actions, audited as
// added/removed keys, refused for anyone but a physio of the practice, and exported (JSON,
// CSV and one FHIR R4 Flag per positive item).
import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { revalidatePath } from 'next/cache';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { auditEvents, patients } from '@/db/schema';
import { ScreeningBanner } from '@/app/_components/screening-banner';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { updatePatientAction } from '@/lib/actions/patients/update-patient';
import { updateScreeningAction } from '@/lib/actions/patients/update-screening';
import { exportPatientContact, exportPatientData } from '@/lib/data/patient-export';
import { getPatient } from '@/lib/data/patients';
import { toFhirBundle } from '@/lib/export/fhir';
import { patientArchive } from '@/lib/export/patient-archive';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();
beforeEach(() => { signOut(); vi.mocked(revalidatePath).mockClear(); });

async function setup() {
  const practice = await createPractice();
  const physio = await createStaff(practice.id, ['physio']);
  const admin = await createStaff(practice.id, ['admin']);
  const owner = await createStaff(practice.id, ['physio', 'admin']);
  const { patient, user: patientUser } = await createPatientAccount(practice.id, { treatingPhysioId: physio.id });
  return { practice, physio, admin, owner, patient, patientUser };
}

const rowOf = async (id: string) => (await testDb.db.select().from(patients).where(eq(patients.id, id)))[0]!;
const screeningEvents = (patientId: string) =>
  testDb.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'patient.screening'))).orderBy(auditEvents.createdAt, auditEvents.id);

describe('saving the screening', () => {
  it('a physio saves flags: stored in vocabulary order, audited with the keys added and removed', async () => {
    const { physio, patient } = await setup();
    signInAs(physio);
    const first = await updateScreeningAction(null, formData({ patientId: patient.id, flags: ['weight-loss', 'cancer-history', 'cancer-history'] }));
    expect(first).toEqual({ ok: true, data: { flags: ['cancer-history', 'weight-loss'] } });
    let row = await rowOf(patient.id);
    expect(row).toMatchObject({ screeningFlags: ['cancer-history', 'weight-loss'], screeningUpdatedBy: physio.id });
    expect(row.screeningUpdatedAt).toBeInstanceOf(Date);
    expect(vi.mocked(revalidatePath).mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining([`/patients/${patient.id}`, '/dashboard']));

    const second = await updateScreeningAction(null, formData({ patientId: patient.id, flags: ['weight-loss', 'steroids-osteoporosis'] }));
    expect(second).toEqual({ ok: true, data: { flags: ['steroids-osteoporosis', 'weight-loss'] } });
    row = await rowOf(patient.id);
    expect(row.screeningFlags).toEqual(['steroids-osteoporosis', 'weight-loss']);

    let events = await screeningEvents(patient.id);
    expect(events.map((e) => e.meta)).toEqual([
      { added: ['cancer-history', 'weight-loss'], removed: [] },
      { added: ['steroids-osteoporosis'], removed: ['cancer-history'] },
    ]);
    expect(events.every((e) => e.actorUserId === physio.id && e.entity === 'patient' && e.entityId === patient.id && e.practiceId === physio.practiceId)).toBe(true);

    // The same answers again (another order): nothing written, no event.
    const stamp = row.screeningUpdatedAt;
    expect(await updateScreeningAction(null, formData({ patientId: patient.id, flags: ['weight-loss', 'steroids-osteoporosis'] }))).toEqual({ ok: true, data: { flags: ['steroids-osteoporosis', 'weight-loss'] } });
    expect((await rowOf(patient.id)).screeningUpdatedAt).toEqual(stamp);
    expect(await screeningEvents(patient.id)).toHaveLength(2);

    // No box ticked clears the history.
    expect(await updateScreeningAction(null, formData({ patientId: patient.id }))).toEqual({ ok: true, data: { flags: [] } });
    expect((await rowOf(patient.id)).screeningFlags).toEqual([]);
    events = await screeningEvents(patient.id);
    expect(events.at(-1)?.meta).toEqual({ added: [], removed: ['steroids-osteoporosis', 'weight-loss'] });
  });

  it('a physio who is also an admin may save; a plain object works as well as a form', async () => {
    const { owner, patient } = await setup();
    signInAs(owner);
    expect(await updateScreeningAction(null, { patientId: patient.id, flags: 'recent-trauma' } as unknown as FormData)).toEqual({ ok: true, data: { flags: ['recent-trauma'] } });
    expect((await rowOf(patient.id)).screeningUpdatedBy).toBe(owner.id);
  });

  it('bad input returns field errors and writes nothing', async () => {
    const { physio, patient } = await setup();
    signInAs(physio);
    const before = await rowOf(patient.id);
    const unknown = await updateScreeningAction(null, formData({ patientId: patient.id, flags: ['cancer-history', 'alien-abduction'] }));
    expect(unknown).toMatchObject({ ok: false, code: 'invalid' });
    if (!unknown.ok) expect(Object.keys(unknown.fieldErrors)).toEqual(['flags.1']);
    const badId = await updateScreeningAction(null, formData({ patientId: 'not-a-uuid', flags: 'cancer-history' }));
    expect(badId).toMatchObject({ ok: false, code: 'invalid' });
    if (!badId.ok) expect(Object.keys(badId.fieldErrors)).toEqual(['patientId']);
    const tooMany = await updateScreeningAction(null, formData({ patientId: patient.id, flags: Array(8).fill('cancer-history') }));
    expect(tooMany).toMatchObject({ ok: false, code: 'invalid' });
    const control = await updateScreeningAction(null, formData({ patientId: patient.id, flags: 'cancer-history\u0000' }));
    expect(control).toMatchObject({ ok: false, code: 'invalid' });
    expect(await rowOf(patient.id)).toEqual(before);
    expect(await screeningEvents(patient.id)).toHaveLength(0);
  });

  it('admins without the physio role, patients and other practices are refused; nothing is written', async () => {
    const { admin, patient, patientUser } = await setup();
    const elsewhere = await createPractice();
    const foreignPhysio = await createStaff(elsewhere.id, ['physio']);
    const input = () => formData({ patientId: patient.id, flags: 'cancer-history' });
    signInAs(admin);
    expect(await updateScreeningAction(null, input())).toMatchObject({ ok: false, code: 'forbidden' });
    signInAs(patientUser);
    expect(await updateScreeningAction(null, input())).toMatchObject({ ok: false, code: 'forbidden' });
    signInAs(foreignPhysio);
    const foreign = await updateScreeningAction(null, input());
    expect(foreign).toMatchObject({ ok: false, code: 'not_found' });
    expect(JSON.stringify(foreign)).not.toContain(patient.id);
    // An id that exists nowhere answers exactly the same.
    expect(await updateScreeningAction(null, formData({ patientId: '00000000-0000-4000-8000-000000000000', flags: 'cancer-history' }))).toEqual(foreign);
    signOut();
    expect(await updateScreeningAction(null, input())).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect((await rowOf(patient.id)).screeningFlags).toEqual([]);
    expect(await screeningEvents(patient.id)).toHaveLength(0);
  });

  it('the record shows the flags to physios; an admin without clinical access sees none', async () => {
    const { physio, admin, patient } = await setup();
    signInAs(physio);
    await updateScreeningAction(null, formData({ patientId: patient.id, flags: ['cancer-history'] }));
    const seen = await getPatient(await actorFor(physio), patient.id);
    expect(seen).toMatchObject({ screeningFlags: ['cancer-history'], screeningUpdatedBy: physio.id });
    const contact = await getPatient(await actorFor(admin), patient.id);
    expect(contact).toMatchObject({ screeningFlags: [], screeningUpdatedAt: null, screeningUpdatedBy: null, condition: null });
  });
});

describe('screening at intake', () => {
  it('the new-patient form stores ticked flags, named in the create event; edits do not touch them', async () => {
    const { physio, practice } = await setup();
    signInAs(physio);
    const created = await createPatientAction(null, formData({ firstName: 'Ina', lastName: 'Take', screeningFlags: ['constant-night-pain', 'age-at-onset'] }));
    if (!created.ok) throw new Error(created.message);
    const row = await rowOf(created.data.id);
    expect(row).toMatchObject({ practiceId: practice.id, screeningFlags: ['age-at-onset', 'constant-night-pain'], screeningUpdatedBy: physio.id });
    expect(row.screeningUpdatedAt).toBeInstanceOf(Date);
    const [event] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, row.id), eq(auditEvents.action, 'patient.create')));
    expect(event?.meta).toEqual({ screeningFlags: ['age-at-onset', 'constant-night-pain'] });

    // Editing the details (even posting other flags) leaves the screening as it was.
    expect(await updatePatientAction(null, formData({ id: row.id, firstName: 'Ina', lastName: 'Taken', screeningFlags: 'cancer-history' }))).toMatchObject({ ok: true });
    expect((await rowOf(row.id)).screeningFlags).toEqual(['age-at-onset', 'constant-night-pain']);

    const none = await createPatientAction(null, formData({ firstName: 'No', lastName: 'Flags' }));
    if (!none.ok) throw new Error(none.message);
    expect(await rowOf(none.data.id)).toMatchObject({ screeningFlags: [], screeningUpdatedAt: null, screeningUpdatedBy: null });
    const [plain] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, none.data.id), eq(auditEvents.action, 'patient.create')));
    expect(plain?.meta).toBeNull();
  });

  it('an unknown flag at intake is a field error and creates nothing', async () => {
    const { physio, practice } = await setup();
    signInAs(physio);
    const before = (await testDb.db.select().from(patients).where(eq(patients.practiceId, practice.id))).length;
    const result = await createPatientAction(null, formData({ firstName: 'Bad', lastName: 'Flag', screeningFlags: ['cancer-history', 'bogus'] }));
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    if (!result.ok) expect(Object.keys(result.fieldErrors)).toEqual(['screeningFlags.1']);
    expect(await testDb.db.select().from(patients).where(eq(patients.practiceId, practice.id))).toHaveLength(before);
  });
});

// FHIR R4 Flag (hl7.org/fhir/R4/flag.html), the parts this export uses.
const fhirFlag = z.object({
  resourceType: z.literal('Flag'),
  id: z.uuid(),
  status: z.enum(['active', 'inactive', 'entered-in-error']),
  category: z.array(z.object({ coding: z.array(z.object({ system: z.literal('http://terminology.hl7.org/CodeSystem/flag-category'), code: z.literal('clinical'), display: z.string() }).strict()).length(1) }).strict()).length(1),
  code: z.object({ coding: z.array(z.object({ system: z.url(), code: z.string(), display: z.string() }).strict()).length(1), text: z.string().min(1) }).strict(),
  subject: z.object({ reference: z.string().regex(/^Patient\/[0-9a-f-]{36}$/) }).strict(),
  period: z.object({ start: z.iso.datetime() }).strict().optional(),
}).strict();

describe('export', () => {
  it('JSON, CSV and FHIR carry the screening: one active clinical Flag per positive item', async () => {
    const { physio, admin, owner, patient } = await setup();
    signInAs(physio);
    await updateScreeningAction(null, formData({ patientId: patient.id, flags: ['steroids-osteoporosis', 'cancer-history'] }));
    const row = await rowOf(patient.id);

    // Red-flag history is clinical: a practice manager exports contact data without it.
    await expect(exportPatientData(await actorFor(admin), patient.id, 'json')).rejects.toMatchObject({ code: 'forbidden' });
    const contact = await exportPatientContact(await actorFor(admin), patient.id, 'json');
    expect(contact.patient).toMatchObject({ screeningFlags: [], screeningUpdatedAt: null });
    expect(toFhirBundle(contact).entry.filter((e) => e.resource.resourceType === 'Flag')).toHaveLength(0);
    expect(JSON.stringify(contact)).not.toContain('cancer-history');

    for (const who of [physio, owner]) {
      const data = await exportPatientData(await actorFor(who), patient.id, 'json');
      expect(data.patient).toMatchObject({ screeningFlags: ['cancer-history', 'steroids-osteoporosis'] });
      const bundle = toFhirBundle(data);
      const flags = bundle.entry.filter((e) => e.resource.resourceType === 'Flag').map((e) => fhirFlag.parse(e.resource));
      expect(flags.map((f) => f.code.text)).toEqual(['History of cancer', 'Long-term steroid use or osteoporosis']);
      expect(flags.map((f) => f.code.coding[0]!.code)).toEqual(['cancer-history', 'steroids-osteoporosis']);
      for (const f of flags) {
        expect(f).toMatchObject({ status: 'active', subject: { reference: `Patient/${patient.id}` }, period: { start: row.screeningUpdatedAt!.toISOString() } });
        expect(bundle.entry.find((e) => e.resource.id === f.id)?.fullUrl).toBe(`urn:uuid:${f.id}`);
      }
      expect(bundle.entry.some((e) => `${e.resource.resourceType}/${e.resource.id}` === flags[0]!.subject.reference)).toBe(true);
      expect(new Set(bundle.entry.map((e) => e.fullUrl)).size).toBe(bundle.entry.length);
      // The same item gets the same id in every export.
      expect(toFhirBundle(data).entry.filter((e) => e.resource.resourceType === 'Flag').map((e) => e.resource.id)).toEqual(flags.map((f) => f.id));

      const files = unzipSync(patientArchive(data));
      const csv = strFromU8(files['csv/patient.csv']!).trim().split('\r\n');
      const header = csv[0]!.split(',');
      expect(header).toEqual(expect.arrayContaining(['screeningFlags', 'screeningUpdatedAt']));
      expect(csv[1]).toContain('History of cancer; Long-term steroid use or osteoporosis');
      expect(JSON.parse(strFromU8(files['export.json']!)).patient.screeningFlags).toEqual(['cancer-history', 'steroids-osteoporosis']);
    }
  });

  it('no flags, no Flag resources', async () => {
    const practice = await createPractice();
    const admin = await actorFor(await createStaff(practice.id, ['admin', 'physio']));
    const patient = await createPatient(practice.id);
    const bundle = toFhirBundle(await exportPatientData(admin, patient.id, 'fhir'));
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'Flag')).toHaveLength(0);
  });
});

describe('banner', () => {
  it('nothing without flags; one readable line with labels in vocabulary order otherwise', () => {
    expect(renderToStaticMarkup(createElement(ScreeningBanner, { flags: [] }))).toBe('');
    const html = renderToStaticMarkup(createElement(ScreeningBanner, { flags: ['steroids-osteoporosis', 'cancer-history'] }));
    expect(html).toContain('data-testid="screening-banner"');
    expect(html.replace(/<[^>]+>/g, '')).toContain('Red-flag history: History of cancer · Long-term steroid use or osteoporosis');
    expect(renderToStaticMarkup(createElement(ScreeningBanner, { flags: ['cancer-history'], compact: true }))).toContain('text-xs');
  });
});
