// Issue 18: the daily alert refresh as one durable job per practice. Stale rows (a new local
// day, a new patient) get a refresh queued at most once per practice; a worker brings them
// up to today; a refresh cut short by a dead worker is finished by another once its lease
// ends; two workers never run the same practice's refresh at once.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jobs, patientAlertState } from '@/db/schema';
import { refreshAlertState } from '@/lib/data/alert-state';
import { localDate } from '@/lib/dates';
import { insertPain } from '@/lib/data/entries/pain';
import { ALERT_REFRESH_KIND, markStaleAndQueueRefresh, scheduleAlertRefreshes } from '@/lib/jobs/alert-refresh';
import { claimJobs, completeJob } from '@/lib/jobs/queue';
import { runDueJobs } from '@/lib/jobs/worker';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPractice, createStaff } from '../helpers/factories';

const testDb = setupTestDb();

async function practiceWithPatients(timeZone: string, n: number) {
  const practice = await createPractice(undefined, timeZone);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await createPatient(practice.id)).id);
  await refreshAlertState(practice.id, ids);
  return { practice, ids, today: localDate(new Date(), timeZone) };
}

/** What a turn of the local day does to stored rows: they were computed "yesterday". */
const ageRows = (ids: string[]) => testDb.db.update(patientAlertState).set({ asOf: sql`${patientAlertState.asOf} - 1` }).where(inArray(patientAlertState.patientId, ids));
const asOfs = async (ids: string[]) => (await testDb.db.select({ asOf: patientAlertState.asOf }).from(patientAlertState).where(inArray(patientAlertState.patientId, ids))).map((r) => r.asOf);
const queued = (practiceId: string) => testDb.db.select().from(jobs).where(and(eq(jobs.kind, ALERT_REFRESH_KIND), eq(jobs.practiceId, practiceId), eq(jobs.status, 'queued')));

describe('the alert refresh job', () => {
  it('is queued only for practices with stale rows, once however often (or concurrently) it is asked', async () => {
    const london = await practiceWithPatients('Europe/London', 3);
    const auckland = await practiceWithPatients('Pacific/Auckland', 2);
    // Everything fresh: nothing to queue.
    expect(await scheduleAlertRefreshes(testDb.db)).toEqual([]);
    await ageRows(london.ids);
    const first = await scheduleAlertRefreshes(testDb.db);
    expect(first).toHaveLength(1);
    const again = await Promise.all([scheduleAlertRefreshes(testDb.db), scheduleAlertRefreshes(testDb.db), scheduleAlertRefreshes(testDb.db, london.practice.id)]);
    expect(again.flat()).toEqual([]);
    expect(await queued(london.practice.id)).toHaveLength(1);
    expect(await queued(auckland.practice.id)).toHaveLength(0);

    // A worker runs it: every row of the practice is as of its local today, the job is done.
    expect(await runDueJobs({ workerId: 'w1' })).toMatchObject({ done: 1, failed: 0 });
    expect(new Set(await asOfs(london.ids))).toEqual(new Set([london.today]));
    expect(await queued(london.practice.id)).toHaveLength(0);
    // A new patient without a stored row is stale too.
    const newcomer = await createPatient(auckland.practice.id);
    expect(await scheduleAlertRefreshes(testDb.db)).toHaveLength(1);
    await runDueJobs({ workerId: 'w1' });
    expect(await asOfs([newcomer.id])).toEqual([auckland.today]);
  });

  it('a refresh held by a worker that died is finished by another when the lease ends, and the dead claim cannot complete it', async () => {
    const { practice, ids, today } = await practiceWithPatients('Europe/London', 4);
    await ageRows(ids);
    await scheduleAlertRefreshes(testDb.db, practice.id);
    const [held] = await claimJobs(testDb.db, 'dead-worker', { limit: 10, leaseMs: 60_000 });
    expect(held?.kind).toBe(ALERT_REFRESH_KIND);
    // While it is held, nobody else runs it and asking again queues nothing new.
    expect(await runDueJobs({ workerId: 'w2' })).toMatchObject({ done: 0 });
    expect(await scheduleAlertRefreshes(testDb.db, practice.id)).toEqual([]);
    expect(new Set(await asOfs(ids))).not.toEqual(new Set([today]));
    // The lease runs out (the worker's process is gone).
    await testDb.db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(jobs.id, held!.id));
    expect(await runDueJobs({ workerId: 'w2' })).toMatchObject({ done: 1 });
    expect(new Set(await asOfs(ids))).toEqual(new Set([today]));
    expect(await completeJob(testDb.db, held!, 'dead-worker')).toBe(false);
    const [row] = await testDb.db.select().from(jobs).where(eq(jobs.id, held!.id));
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('discharged and archived patients do not make a practice stale', async () => {
    const practice = await createPractice(undefined, 'America/New_York');
    await createPatient(practice.id, { status: 'discharged' });
    await createPatient(practice.id, { status: 'archived' });
    expect(await scheduleAlertRefreshes(testDb.db, practice.id)).toEqual([]);
  });

  it('a log whose refresh runs after the response marks the row, queues one refresh for the practice, and the worker brings it up to date', async () => {
    const { practice, ids, today } = await practiceWithPatients('Europe/London', 2);
    const [a, b] = ids as [string, string];
    const staff = await createStaff(practice.id);
    const actor = await actorFor(staff);
    // Two logs, written without their refresh (as a request does before it answers).
    for (const patientId of [a, b]) {
      await testDb.db.transaction((tx) => insertPain(tx, actor, patientId, { idempotencyKey: `k-${patientId}`, score: 7, locations: ['lower-back'], symptoms: [] }, null));
      await markStaleAndQueueRefresh(testDb.db, practice.id, patientId);
    }
    const marked = await testDb.db.select({ staleSince: patientAlertState.staleSince, lastPainDate: patientAlertState.lastPainDate }).from(patientAlertState).where(inArray(patientAlertState.patientId, ids));
    expect(marked.every((r) => r.staleSince !== null && r.lastPainDate === null)).toBe(true);
    // One job for both: logs arriving together are refreshed together.
    expect(await queued(practice.id)).toHaveLength(1);
    expect(await runDueJobs({ workerId: 'w1' })).toMatchObject({ done: 1, failed: 0 });
    const fresh = await testDb.db.select({ staleSince: patientAlertState.staleSince, lastPainDate: patientAlertState.lastPainDate, lastPainScore: patientAlertState.lastPainScore }).from(patientAlertState).where(inArray(patientAlertState.patientId, ids));
    expect(fresh).toEqual([{ staleSince: null, lastPainDate: today, lastPainScore: 7 }, { staleSince: null, lastPainDate: today, lastPainScore: 7 }]);
  });
  // A mark made while a refresh runs survives it: tests/integration/log-marks-stale.test.ts.
});
