// The portal's new pain logs and sessions answer with their result only: they do not
// revalidate, so Next.js does not re-render the Log page into the answer (the portal layout
// refreshes a page brought back by Back: e2e/portal.mobile.spec.ts). The clinic's log actions,
// made on the patient page, still revalidate it. Both give the same answer for the same input.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { revalidatePath } from 'next/cache';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { portalCorrectPainAction, portalLogPainAction, portalLogSessionAction } from '@/app/(portal)/portal/_components/portal-entry-actions';
import { painReports, trainingSessions } from '@/db/schema';
import { formFields } from '@/lib/actions/form-values';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const handle = setupTestDb();
beforeEach(() => {
  signOut();
  vi.mocked(revalidatePath).mockClear();
});

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

async function world() {
  const practice = await createPractice();
  const physio = await createStaff(practice.id, ['physio'], { email: `physio-${randomUUID().slice(0, 8)}@example.test` });
  const { patient, user } = await createPatientAccount(practice.id, { treatingPhysioId: physio.id });
  return { practice, physio, patient, user };
}

describe('portal log answers', () => {
  it('a pain log with a warning sign is saved and answered with its receipt, without revalidating', async () => {
    const w = await world();
    signInAs(w.user);
    const result = await portalLogPainAction(null, form({ idempotencyKey: randomUUID(), score: '6', locations: 'lower-back', symptoms: 'leg-numbness' }));
    expect(result).toMatchObject({ ok: true, data: { score: 6, redFlags: ['leg-numbness'], queued: false } });
    if (!result.ok) return;
    expect(result.data.safety).toMatchObject({ reportTier: 'same-day', alertTier: 'same-day' });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it('a session is answered with its pain-monitoring verdict, without revalidating', async () => {
    const w = await world();
    signInAs(w.user);
    const date = localDate(new Date(), w.practice.timeZone);
    const result = await portalLogSessionAction(null, form({ idempotencyKey: randomUUID(), activity: 'run', date, durationMin: '30', distance: '5', rpe: '4', painDuring: '2' }));
    expect(result).toMatchObject({ ok: true, data: { activity: 'run', durationMin: 30, rpe: 4, painDuring: 2, queued: false } });
    if (!result.ok) return;
    expect(result.data.monitoring?.limits).toBeDefined();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it('a refused log is answered with its field errors, as before', async () => {
    const w = await world();
    signInAs(w.user);
    const result = await portalLogPainAction(null, form({ idempotencyKey: randomUUID(), score: '11' }));
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.fieldErrors.score).toBeDefined();
  });

  // Hydrated portal forms send their fields (formFields) instead of FormData, so that React
  // encodes the call as text (offline-form.ts); a post without JavaScript sends FormData.
  it('the same form gives the same answer and the same row whether sent as FormData or as its fields', async () => {
    const w = await world();
    signInAs(w.user);
    const date = localDate(new Date(), w.practice.timeZone);
    const painFields = { score: '3', locations: ['lower-back', 'hip-buttock'], timing: 'after-run', symptoms: ['stiffness', 'muscle-spasm'], notes: 'After the long run', date };
    const stored = async (id: string) => {
      const [row] = await handle.db.select().from(painReports).where(eq(painReports.id, id));
      const { score, localDate: day, locations, timing, symptoms, redFlags, notes, correctsId } = row!;
      return { score, day, locations, timing, symptoms, redFlags, notes, correctsId };
    };
    const idOf = async (key: string) => (await handle.db.select({ id: painReports.id }).from(painReports).where(eq(painReports.idempotencyKey, key)))[0]!.id;

    const [keyA, keyB] = [randomUUID(), randomUUID()];
    const asForm = await portalLogPainAction(null, form({ ...painFields, idempotencyKey: keyA }));
    const asFields = await portalLogPainAction(null, formFields(form({ ...painFields, idempotencyKey: keyB })));
    expect(asForm).toEqual({ ok: true, data: { score: 3, redFlags: [], safety: null, queued: false } });
    expect(asFields).toEqual(asForm);
    const first = await idOf(keyA);
    expect(await stored(await idOf(keyB))).toEqual(await stored(first));
    expect(await stored(first)).toMatchObject({ score: 3, locations: ['lower-back', 'hip-buttock'], symptoms: ['stiffness', 'muscle-spasm'], notes: 'After the long run' });

    // A correction read from fields: its warning signs come from the repeated symptoms field.
    const correction = { correctsId: first, score: '5', locations: 'lower-back', symptoms: ['stiffness', 'leg-numbness'], date, reason: 'Typed the wrong score' };
    const corrected = await portalCorrectPainAction(null, formFields(form({ ...correction, idempotencyKey: randomUUID() })));
    expect(corrected).toMatchObject({ ok: true, data: { score: 5, redFlags: ['leg-numbness'], queued: false } });

    const sessionFields = { activity: 'run', date, durationMin: '42.5', distance: '8.2', rpe: '6', painDuring: '2', terrain: '', notes: '' };
    const sessionForm = await portalLogSessionAction(null, form({ ...sessionFields, idempotencyKey: randomUUID() }));
    const sessionAsFields = await portalLogSessionAction(null, formFields(form({ ...sessionFields, idempotencyKey: randomUUID() })));
    expect(sessionForm).toMatchObject({ ok: true, data: { activity: 'run', durationMin: 42.5, distance: 8.2, rpe: 6, painDuring: 2 } });
    expect(sessionAsFields).toEqual(sessionForm);
    const sessions = await handle.db.select({ durationMin: trainingSessions.durationMin, distanceKm: trainingSessions.distanceKm, rpe: trainingSessions.rpe }).from(trainingSessions).where(eq(trainingSessions.patientId, w.patient.id));
    expect(sessions).toHaveLength(2);
    expect(sessions[1]).toEqual(sessions[0]);

    // Refused: FormData is answered with what was typed (a post without JavaScript shows it
    // again); fields are not (the hydrated form keeps its own copy), and the errors are the same.
    const refusedForm = await portalLogSessionAction(null, form({ ...sessionFields, rpe: '', idempotencyKey: randomUUID() }));
    const refusedFields = await portalLogSessionAction(null, formFields(form({ ...sessionFields, rpe: '', idempotencyKey: randomUUID() })));
    expect(refusedForm).toMatchObject({ ok: false, fieldErrors: { rpe: ['Choose how hard it was, from 0 to 10'] }, values: { activity: 'run', durationMin: '42.5' } });
    expect(refusedFields).toMatchObject({ ok: false, fieldErrors: { rpe: ['Choose how hard it was, from 0 to 10'] } });
    expect(refusedFields).not.toHaveProperty('values');
  });

  it("the clinic's log actions revalidate the patient's page", async () => {
    const w = await world();
    signInAs(w.physio);
    const pain = await logPainAction(null, { patientId: w.patient.id, idempotencyKey: randomUUID(), score: 3 });
    expect(pain).toMatchObject({ ok: true });
    expect(revalidatePath).toHaveBeenCalledWith(`/patients/${w.patient.id}`);
    vi.mocked(revalidatePath).mockClear();
    const date = localDate(new Date(), w.practice.timeZone);
    const session = await logSessionAction(null, { patientId: w.patient.id, idempotencyKey: randomUUID(), activity: 'run', date, durationMin: '20', rpe: '3' });
    expect(session).toMatchObject({ ok: true });
    expect(revalidatePath).toHaveBeenCalledWith(`/patients/${w.patient.id}`);
  });
});
