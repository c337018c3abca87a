// Issue 18: a patient's own log (no warning sign) inside a request leaves its alert row to the
// refresh job. The row is marked stale and the job queued by the log's own transaction
// (markStaleInWrite): the marker commits with the entry or not at all, and the log costs one
// commit. Staff logs and warning signs still refresh before answering.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jobs, painReports, patientAlertState } from '@/db/schema';
import { markStaleInWrite, refreshAlertState } from '@/lib/data/alert-state';
import { logPain } from '@/lib/data/entries/pain';
import { ALERT_REFRESH_KIND } from '@/lib/jobs/alert-refresh';
import { runDueJobs } from '@/lib/jobs/worker';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff } from '../helpers/factories';

// Inside a request Next.js's after() takes the callback; outside one it throws (and the app
// refreshes inline). These tests stand in for a request: callbacks are kept, not run.
const afterResponse: (() => unknown)[] = [];
let inRequest = true;
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after: (callback: () => unknown) => {
    if (!inRequest) throw new Error('after() outside a request');
    afterResponse.push(callback);
  },
}));

const testDb = setupTestDb();
beforeEach(() => {
  afterResponse.length = 0;
  inRequest = true;
});

async function world() {
  const practice = await createPractice();
  const physioUser = await createStaff(practice.id, ['physio']);
  const { patient, user } = await createPatientAccount(practice.id, { treatingPhysioId: physioUser.id });
  await refreshAlertState(practice.id, [patient.id]);
  return { practice, patient, patientActor: await actorFor(user), physio: await actorFor(physioUser) };
}

const row = async (patientId: string) =>
  (await testDb.db.select({ staleSince: patientAlertState.staleSince, lastPainScore: patientAlertState.lastPainScore }).from(patientAlertState).where(eq(patientAlertState.patientId, patientId)))[0]!;
const queued = (practiceId: string) => testDb.db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.kind, ALERT_REFRESH_KIND), eq(jobs.practiceId, practiceId), eq(jobs.status, 'queued')));

describe('a log leaves its alert row to the refresh job', () => {
  it("a patient's own log is committed with its row marked stale and the refresh queued; the job brings the row up to date", async () => {
    const w = await world();
    const key = randomUUID();
    const result = await logPain(w.patientActor, { idempotencyKey: key, score: 4, locations: ['lower-back'], symptoms: [] });
    expect(result.duplicate).toBe(false);
    expect((await row(w.patient.id)).staleSince).not.toBeNull();
    expect((await row(w.patient.id)).lastPainScore).toBeNull();
    expect(await queued(w.practice.id)).toHaveLength(1);
    expect(afterResponse).toHaveLength(1);

    // A retry with the same key records nothing and marks nothing more.
    await testDb.db.update(patientAlertState).set({ staleSince: null }).where(eq(patientAlertState.patientId, w.patient.id));
    expect((await logPain(w.patientActor, { idempotencyKey: key, score: 4, locations: ['lower-back'], symptoms: [] })).duplicate).toBe(true);
    expect((await row(w.patient.id)).staleSince).toBeNull();
    expect(await testDb.db.select({ id: painReports.id }).from(painReports).where(eq(painReports.patientId, w.patient.id))).toHaveLength(1);

    await testDb.db.update(patientAlertState).set({ staleSince: new Date() }).where(eq(patientAlertState.patientId, w.patient.id));
    expect(await runDueJobs({ workerId: 'test' })).toMatchObject({ done: 1, failed: 0 });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 4 });
  });

  it('the marker is part of the transaction: rolled back with it, nothing is marked or queued', async () => {
    const w = await world();
    await expect(
      testDb.db.transaction(async (tx) => {
        expect(await markStaleInWrite(tx, w.patientActor, w.patient.id)).toBe(true);
        throw new Error('the write failed after the marking');
      }),
    ).rejects.toThrow('the write failed');
    expect((await row(w.patient.id)).staleSince).toBeNull();
    expect(await queued(w.practice.id)).toHaveLength(0);
  });

  it('a warning sign, a physio logging for the patient and a log outside a request refresh before answering', async () => {
    const w = await world();
    await logPain(w.patientActor, { idempotencyKey: randomUUID(), score: 5, locations: ['lower-back'], symptoms: ['leg-numbness'] });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 5 });

    await logPain(w.physio, { idempotencyKey: randomUUID(), patientId: w.patient.id, score: 3, locations: ['lower-back'], symptoms: [] });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 3 });

    inRequest = false;
    await logPain(w.patientActor, { idempotencyKey: randomUUID(), score: 2, locations: ['lower-back'], symptoms: [] });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 2 });
    expect(await queued(w.practice.id)).toHaveLength(0);
  });
});
