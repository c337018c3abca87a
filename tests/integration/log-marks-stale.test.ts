// Issue 18: a write that can change a patient's alerts marks the patient's alert row stale
// inside its own transaction (markStaleInWrite), so the mark commits with the entry or not at
// all. A patient's own log without a warning sign, inside a request, leaves the refresh to the
// queued job; warning signs, staff and logs outside a request refresh before answering. A
// refresh clears a mark only if it still holds the value read with the logs: a log committed
// while a refresh was running keeps its row marked.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setDbForTests, type Db } from '@/db/client';
import { alertAcknowledgements, auditEvents, exerciseCompletions, jobs, painReports, patientAlertState, users } from '@/db/schema';
import { rowsOf } from '@/lib/data/adherence-items';
import { markStaleInWrite, refreshAlertState } from '@/lib/data/alert-state';
import { setCompletion } from '@/lib/data/completions';
import { insertPain, logPain } from '@/lib/data/entries/pain';
import { createProgram, getActiveProgram } from '@/lib/data/programs';
import { changeUserRoles } from '@/lib/data/users';
import { ALERT_REFRESH_KIND, scheduleAlertRefreshes } from '@/lib/jobs/alert-refresh';
import { runDueJobs } from '@/lib/jobs/worker';
import type { PainReportInput } from '@/lib/validation/entries';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { sampleProgram } from '../helpers/library';

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
const pain = (score: number, symptoms: PainReportInput['symptoms'] = []): PainReportInput => ({ idempotencyKey: randomUUID(), score, locations: ['lower-back'], symptoms });

describe('a write marks its alert row in its own transaction', () => {
  it("a patient's own log is committed with its row marked stale and the refresh queued; the job brings the row up to date", async () => {
    const w = await world();
    const first = pain(4);
    const result = await logPain(w.patientActor, first);
    expect(result.duplicate).toBe(false);
    expect((await row(w.patient.id)).staleSince).not.toBeNull();
    expect((await row(w.patient.id)).lastPainScore).toBeNull();
    expect(await queued(w.practice.id)).toHaveLength(1);
    expect(afterResponse).toHaveLength(1);

    // A retry with the same key records nothing and marks nothing more.
    await testDb.db.update(patientAlertState).set({ staleSince: null }).where(eq(patientAlertState.patientId, w.patient.id));
    expect((await logPain(w.patientActor, first)).duplicate).toBe(true);
    expect((await row(w.patient.id)).staleSince).toBeNull();
    expect(await testDb.db.select({ id: painReports.id }).from(painReports).where(eq(painReports.patientId, w.patient.id))).toHaveLength(1);

    await testDb.db.update(patientAlertState).set({ staleSince: new Date() }).where(eq(patientAlertState.patientId, w.patient.id));
    expect(await runDueJobs({ workerId: 'test' })).toMatchObject({ done: 1, failed: 0 });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 4 });
  });

  it('with a separate worker (LOADLINE_WORKER=off) a log leaves its refresh to the queue, in a request or not, and hands nothing to after()', async () => {
    const w = await world();
    const before = process.env.LOADLINE_WORKER;
    process.env.LOADLINE_WORKER = 'off';
    try {
      for (const request of [true, false]) {
        inRequest = request;
        await runDueJobs({ workerId: 'test' });
        await logPain(w.patientActor, pain(3));
        expect((await row(w.patient.id)).staleSince).not.toBeNull();
        expect(await queued(w.practice.id)).toHaveLength(1);
        expect(afterResponse).toHaveLength(0);
      }
      // The separate worker's run brings the row up to date.
      expect(await runDueJobs({ workerId: 'worker' })).toMatchObject({ done: 1, failed: 0 });
      expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 3 });
    } finally {
      if (before === undefined) delete process.env.LOADLINE_WORKER;
      else process.env.LOADLINE_WORKER = before;
    }
  });

  it('a report that cannot be a warning sign is written in one statement: the entry, its audit event and the mark, and a retry adds none of them', async () => {
    const w = await world();
    const report = pain(2);
    const result = await logPain(w.patientActor, report);
    expect(result).toMatchObject({ duplicate: false, safetyAlertId: null, tier: null, emailJobIds: [] });
    const events = () => testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, result.id), eq(auditEvents.action, 'pain.create')));
    expect(await events()).toEqual([
      expect.objectContaining({ practiceId: w.practice.id, actorUserId: w.patientActor.userId, entity: 'pain_report', patientId: w.patient.id, ip: w.patientActor.ip, meta: { score: 2, redFlags: [] } }),
    ]);
    const [saved] = await testDb.db.select().from(painReports).where(eq(painReports.id, result.id));
    expect(saved).toMatchObject({ practiceId: w.practice.id, patientId: w.patient.id, enteredBy: w.patientActor.userId, source: 'patient', score: 2, locations: ['lower-back'], symptoms: [], redFlags: [] });
    expect((await row(w.patient.id)).staleSince).not.toBeNull();
    expect(await queued(w.practice.id)).toHaveLength(1);

    await testDb.db.update(patientAlertState).set({ staleSince: null }).where(eq(patientAlertState.patientId, w.patient.id));
    expect(await logPain(w.patientActor, report)).toMatchObject({ id: result.id, duplicate: true });
    expect(await events()).toHaveLength(1);
    expect((await row(w.patient.id)).staleSince).toBeNull();
  });

  it('a retry whose key first recorded a warning sign answers with that report\'s alert, whichever way the retry is written', async () => {
    const w = await world();
    const first = pain(6, ['leg-numbness']);
    const logged = await logPain(w.patientActor, first);
    expect(logged.safetyAlertId).not.toBeNull();
    // The same key with a changed body that could not be a warning sign (the one-statement path).
    const replay = await logPain(w.patientActor, { ...first, score: 1, symptoms: [] });
    expect(replay).toEqual({ id: logged.id, duplicate: true, patientId: w.patient.id, safetyAlertId: logged.safetyAlertId, tier: logged.tier, emailJobIds: [] });
  });

  it('a tick and its undo mark and queue the same way, each with its audit event; a tap that changes nothing marks nothing', async () => {
    const w = await world();
    await createProgram(w.physio, w.patient.id, await sampleProgram());
    const program = await getActiveProgram(w.patientActor, w.patient.id);
    const programItemId = program!.items[0]!.id;
    await refreshAlertState(w.practice.id, [w.patient.id]);
    const unmark = () => testDb.db.update(patientAlertState).set({ staleSince: null }).where(eq(patientAlertState.patientId, w.patient.id));
    const events = () => testDb.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, w.patient.id), eq(auditEvents.entity, 'exercise_completion'))).orderBy(auditEvents.createdAt);

    expect(await setCompletion(w.patientActor, { programItemId, idempotencyKey: randomUUID(), done: true })).toEqual({ done: true, duplicate: false });
    expect((await row(w.patient.id)).staleSince).not.toBeNull();
    expect(await queued(w.practice.id)).toHaveLength(1);
    const [tick] = await testDb.db.select().from(exerciseCompletions).where(eq(exerciseCompletions.patientId, w.patient.id));
    expect(tick).toMatchObject({ practiceId: w.practice.id, programItemId, enteredBy: w.patientActor.userId, source: 'patient', voidedAt: null });
    expect(await events()).toEqual([
      expect.objectContaining({ action: 'completion.create', entityId: tick!.id, practiceId: w.practice.id, actorUserId: w.patientActor.userId, ip: w.patientActor.ip, meta: null }),
    ]);

    // A second tick the same day (a once-a-day exercise) records nothing and marks nothing.
    await unmark();
    expect(await setCompletion(w.patientActor, { programItemId, idempotencyKey: randomUUID(), done: true })).toEqual({ done: true, duplicate: true });
    expect((await row(w.patient.id)).staleSince).toBeNull();
    expect(await events()).toHaveLength(1);

    expect(await setCompletion(w.patientActor, { programItemId, idempotencyKey: randomUUID(), done: false })).toEqual({ done: false, duplicate: false });
    expect((await row(w.patient.id)).staleSince).not.toBeNull();
    expect((await testDb.db.select().from(exerciseCompletions).where(eq(exerciseCompletions.id, tick!.id)))[0]).toMatchObject({ voidReason: 'undone', voidedBy: w.patientActor.userId });
    expect((await events()).map((e) => [e.action, e.entityId])).toEqual([['completion.create', tick!.id], ['completion.undo', tick!.id]]);

    // Nothing left to undo: nothing is written or marked.
    await unmark();
    expect(await setCompletion(w.patientActor, { programItemId, idempotencyKey: randomUUID(), done: false })).toEqual({ done: false, duplicate: true });
    expect((await row(w.patient.id)).staleSince).toBeNull();
    expect(await events()).toHaveLength(2);
  });

  it('the mark is part of the transaction: rolled back with it, nothing is marked or queued', async () => {
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

  it('a warning sign, a physio logging for the patient and a log outside a request refresh before answering, and clear their own mark', async () => {
    const w = await world();
    await logPain(w.patientActor, pain(5, ['leg-numbness']));
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 5 });

    await logPain(w.physio, { ...pain(3), patientId: w.patient.id });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 3 });

    inRequest = false;
    await logPain(w.patientActor, pain(2));
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 2 });
    expect(await queued(w.practice.id)).toHaveLength(0);
  });

  it('a crash after the commit and before any refresh leaves the row marked, and the scheduling pass queues it', async () => {
    const w = await world();
    // The write's transaction as logEntry runs it, with no refresh after it (the process died).
    inRequest = false;
    await testDb.db.transaction(async (tx) => {
      await insertPain(tx, w.physio, w.patient.id, pain(6), null);
      expect(await markStaleInWrite(tx, w.physio, w.patient.id)).toBe(false);
    });
    expect(await row(w.patient.id)).toMatchObject({ lastPainScore: null });
    expect((await row(w.patient.id)).staleSince).not.toBeNull();
    expect(await scheduleAlertRefreshes(testDb.db, w.practice.id)).toHaveLength(1);
    expect(await runDueJobs({ workerId: 'test' })).toMatchObject({ failed: 0 });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 6 });
  });

  it('a log committed while a refresh is running keeps its row marked or holds the new report, never neither', async () => {
    const w = await world();
    const db = testDb.db;
    let refreshing: Promise<void> | undefined;
    await db.transaction(async (tx) => {
      await insertPain(tx, w.patientActor, w.patient.id, pain(7), null);
      await markStaleInWrite(tx, w.patientActor, w.patient.id);
      // A refresh of the same patient starts before this transaction commits.
      refreshing = refreshAlertState(w.practice.id, [w.patient.id]);
      if (testDb.kind === 'postgres') {
        // On PostgreSQL it reads its inputs (without this entry) and then waits for this
        // transaction's row lock to store: commit only once it waits, the race CI once lost.
        // (PGlite runs one transaction at a time: there the refresh starts after the commit.)
        for (let i = 0; ; i++) {
          const [waits] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`));
          if (waits && waits.n > 0) break;
          if (i > 2000) throw new Error('the refresh never waited for the log');
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    });
    await refreshing;
    const after = await row(w.patient.id);
    if (testDb.kind === 'postgres') expect(after).toMatchObject({ lastPainScore: null });
    expect(after.staleSince !== null || after.lastPainScore === 7).toBe(true);
    // Either way the queue ends with the row up to date and unmarked.
    await scheduleAlertRefreshes(db, w.practice.id);
    await runDueJobs({ workerId: 'test' });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 7 });
  });

  // The one-statement log (a report that cannot be a warning sign) has no transaction to hold
  // open, so the race is made another way: the refresh is paused after it read its inputs and
  // before it stores, and the whole log (entry, audit, mark) commits in that gap.
  it.each([
    { start: 'fresh' as const },
    { start: 'already marked' as const },
  ])('a one-statement log committed between a refresh\'s read and its store keeps its row marked (row $start)', async ({ start }) => {
    const w = await world();
    const db = testDb.db;
    if (start === 'already marked') await db.update(patientAlertState).set({ staleSince: new Date() }).where(eq(patientAlertState.patientId, w.patient.id));
    let logged: Awaited<ReturnType<typeof logPain>> | undefined;
    // Score 3 without symptoms cannot be a warning sign: logPain writes it in one statement.
    let inTheGap: (() => Promise<void>) | undefined = async () => { logged = await logPain(w.patientActor, pain(3)); };
    // The app's database, except that the refresh's store into patient_alert_state first runs the log.
    const pausing = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'insert') return Reflect.get(target, property, receiver);
        return (table: Parameters<Db['insert']>[0]) => {
          const run = inTheGap;
          if (table !== patientAlertState || !run) return target.insert(table);
          inTheGap = undefined;
          type Insert = ReturnType<Db['insert']>;
          return {
            values: (values: Parameters<Insert['values']>[0]) => ({
              onConflictDoUpdate: (config: Parameters<ReturnType<Insert['values']>['onConflictDoUpdate']>[0]) =>
                run().then(() => target.insert(table).values(values).onConflictDoUpdate(config)),
            }),
          };
        };
      },
    });
    setDbForTests({ db: pausing, kind: testDb.kind, close: async () => {} });
    try {
      await refreshAlertState(w.practice.id, [w.patient.id]);
    } finally {
      setDbForTests({ db, kind: testDb.kind, close: async () => {} });
    }
    expect(inTheGap).toBeUndefined();
    expect(logged).toMatchObject({ duplicate: false, safetyAlertId: null });
    // The refresh stored what it read (no report yet) and left the log's mark in place.
    const after = await row(w.patient.id);
    expect(after.lastPainScore).toBeNull();
    expect(after.staleSince).not.toBeNull();
    expect(await queued(w.practice.id)).toHaveLength(1);
    expect(await runDueJobs({ workerId: 'test' })).toMatchObject({ failed: 0 });
    expect(await row(w.patient.id)).toEqual({ staleSince: null, lastPainScore: 3 });
  });
});

describe('lock order', () => {
  /** Whether another connection of this test's database is waiting on a lock in a statement like `like`. */
  const waitingIn = async (like: string) => {
    const [found] = rowsOf<{ n: number }>(await testDb.db.execute(sql`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE ${like}`));
    return found!.n > 0;
  };
  /** Poll until `check` holds (at most 200 polls). */
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let polls = 0; !(await check()); polls++) {
      if (polls > 200) throw new Error(`never: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  // A report that may be a warning sign locks the patient, then marks the patient's alert row;
  // an acknowledgement locks the alert row, then inserts a row whose foreign key checks the
  // patient (lib/data/caseload.ts). With the patient locked FOR UPDATE the two deadlocked and
  // PostgreSQL aborted one (the two-instance test, 2026-12-03); the report takes FOR NO KEY
  // UPDATE, which a foreign-key check does not wait for.
  it('a warning-sign report and an acknowledgement of the same patient at the same moment both commit', async () => {
    const w = await world();
    const db = testDb.db;
    const acknowledgement = { practiceId: w.practice.id, patientId: w.patient.id, kind: 'pain-worse', level: 2, evidence: { baseline: 3, current: 5, change: 2 }, acknowledgedBy: w.physio.userId, reason: 'lock order' };
    const acknowledgements = () => db.select({ id: alertAcknowledgements.id }).from(alertAcknowledgements).where(eq(alertAcknowledgements.patientId, w.patient.id));
    if (testDb.kind !== 'postgres') {
      // PGlite runs one transaction at a time, so the two cannot overlap: both still commit.
      expect((await logPain(w.patientActor, pain(6, ['leg-numbness']))).safetyAlertId).not.toBeNull();
      await db.insert(alertAcknowledgements).values(acknowledgement);
      expect(await acknowledgements()).toHaveLength(1);
      return;
    }
    let logging: Promise<{ ok: Awaited<ReturnType<typeof logPain>> } | { error: unknown }> | undefined;
    await db.transaction(async (tx) => {
      // The acknowledgement's first step: the patient's alert row.
      await tx.select({ id: patientAlertState.patientId }).from(patientAlertState).where(eq(patientAlertState.patientId, w.patient.id)).for('update');
      // The report locks the patient and reaches its mark of that row, where it waits.
      logging = logPain(w.patientActor, pain(6, ['leg-numbness'])).then((ok) => ({ ok }), (error: unknown) => ({ error }));
      await until('the report reaches its alert row', () => waitingIn('%UPDATE patient_alert_state SET stale_since%'));
      // The acknowledgement's insert, whose foreign key checks the patient the report holds.
      await tx.insert(alertAcknowledgements).values(acknowledgement);
    });
    const logged = await logging!;
    expect(logged).toHaveProperty('ok');
    if ('ok' in logged) expect(logged.ok.safetyAlertId).not.toBeNull();
    expect(await acknowledgements()).toHaveLength(1);
    expect((await row(w.patient.id)).lastPainScore).toBe(6);
  });

  // A role change locks the practice row (two admins must not demote each other at once). Under
  // FOR UPDATE every insert in the practice waited on its foreign-key check for that lock; under
  // FOR NO KEY UPDATE a patient's log goes through while the role change is held up.
  it("a patient's log is not held up by a role change in progress in the same practice", async () => {
    const w = await world();
    const db = testDb.db;
    const admin = await actorFor(await createStaff(w.practice.id, ['physio', 'admin']));
    if (testDb.kind !== 'postgres') {
      // PGlite runs one transaction at a time: the two run in turn.
      await changeUserRoles(admin, w.physio.userId, ['physio', 'admin']);
      expect((await logPain(w.patientActor, pain(2))).duplicate).toBe(false);
      return;
    }
    let changing: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      // Hold the physio's account row: the role change locks the practice, then waits here.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, w.physio.userId)).for('update');
      changing = changeUserRoles(admin, w.physio.userId, ['physio', 'admin']).then(() => 'changed', (error: unknown) => error);
      await until('the role change waits on the account row', () => waitingIn('update "users"%'));
      // The log (its entry, audit event and mark reference the practice) must not wait for it.
      let finished = false;
      const logging = logPain(w.patientActor, pain(2)).finally(() => { finished = true; });
      await until('the log finishes or waits', async () => finished || (await waitingIn('%insert into "pain_reports"%')));
      expect(finished).toBe(true);
      expect((await logging).duplicate).toBe(false);
    });
    expect(await changing!).toBe('changed');
  });
});
