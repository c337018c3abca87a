// The portal's new pain logs and sessions answer with their result only: they do not
// revalidate, so Next.js does not re-render the Log page into the answer (the portal layout
// refreshes a page brought back by Back: e2e/portal.mobile.spec.ts). The clinic's log actions,
// made on the patient page, still revalidate it. Both give the same answer for the same input.
import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { portalLogPainAction, portalLogSessionAction } from '@/app/(portal)/portal/_components/portal-entry-actions';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

setupTestDb();
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
