// The safety outbox against a real SMTP server on loopback (tests/helpers/smtp.ts): a
// warning sign's email is a job row committed with the report, sent by whichever worker
// claims it, retried while the mail server is down, picked up again after a restart, and
// sent once however many workers run. On PostgreSQL (TEST_DATABASE_URL) the two workers
// of the last test are really concurrent connections.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { jobs, painReports, safetyNotifications } from '@/db/schema';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { insertPain } from '@/lib/data/entries/pain';
import { safetyReceipt } from '@/lib/data/safety-alerts';
import { claimJobs, completeJob, enqueue, pruneDoneJobs, type JobRow } from '@/lib/jobs/queue';
import { runDueJobs } from '@/lib/jobs/worker';
import { sendSafetyEmail } from '@/lib/safety/jobs';
import { receiptSentence, type SafetyReceipt } from '@/lib/safety/receipt';
import { painReportSchema } from '@/lib/validation/entries';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff, type TestUser } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';
import { setupSmtpPeer } from '../helpers/smtp';

const peer = setupSmtpPeer({ MAIL_FROM: 'safety@riverside.example' });
const testDb = setupTestDb();
beforeEach(async () => {
  signOut();
  await peer.start();
  peer.clear();
  peer.rejectNext(0);
});

const suffix = () => randomUUID().slice(0, 8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function world(physioName = 'Ada Lane') {
  const practice = await createPractice('Riverside Physio');
  const physio = await createStaff(practice.id, ['physio'], { name: physioName, email: `physio-${suffix()}@riverside.example` });
  const { patient, user: patientUser } = await createPatientAccount(practice.id, { firstName: 'Quentin', lastName: 'Marlowe', treatingPhysioId: physio.id });
  return { practice, physio, patient, patientUser };
}

type LogData = { id: string; duplicate: boolean; redFlags: string[]; safety: SafetyReceipt | null };
async function reportWarningSign(user: TestUser, idempotencyKey = randomUUID()): Promise<LogData> {
  signInAs(user);
  const result = await logPainAction(null, { idempotencyKey, score: 6, symptoms: ['leg-numbness'] });
  if (!result.ok) throw new Error(`logPainAction refused: ${result.message}`);
  return result.data;
}

const notificationsOf = (patientId: string) => testDb.db.select().from(safetyNotifications).where(eq(safetyNotifications.patientId, patientId));
async function emailJobsOf(patientId: string): Promise<JobRow[]> {
  const ids = (await notificationsOf(patientId)).map((n) => n.id);
  if (ids.length === 0) return [];
  return testDb.db.select().from(jobs).where(and(eq(jobs.kind, 'safety.email'), inArray(sql`${jobs.payload}->>'notificationId'`, ids)));
}
async function onlyEmailJob(patientId: string): Promise<JobRow> {
  const rows = await emailJobsOf(patientId);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}
/** Clock stand-in: a failed send waits its backoff (30 s first); instead of waiting, run_at is moved to now. */
const makeDue = (ids: number[]) => testDb.db.update(jobs).set({ runAt: sql`now()` }).where(inArray(jobs.id, ids));
const messagesTo = (email: string) => peer.messages.filter((m) => m.to.includes(email));

/** Run with the mail server down: the failed sends are logged by the worker; keep them out of the output but check they were. */
async function withServerDown<T>(body: () => Promise<T>): Promise<T> {
  await peer.stop();
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const result = await body();
    expect(spy).toHaveBeenCalledWith(expect.stringMatching(/^\[jobs\] safety\.email #\d+ attempt 1 failed \(retry\):$/), expect.stringMatching(/ECONNREFUSED|connect/i));
    return result;
  } finally {
    spy.mockRestore();
  }
}

describe('(a) delivered once', () => {
  it('one report sends one message; running the worker again, or a double tap, sends nothing more', async () => {
    const w = await world();
    const idempotencyKey = randomUUID();
    const data = await reportWarningSign(w.patientUser, idempotencyKey);
    expect(data.safety?.told).toEqual([{ name: 'Ada Lane', status: 'sent', sentAt: expect.any(String) }]);
    expect(peer.messages).toHaveLength(1);
    expect(peer.messages[0]).toMatchObject({ to: [w.physio.email], from: 'safety@riverside.example' });
    expect(await onlyEmailJob(w.patient.id)).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lastError: null });

    await runDueJobs();
    await runDueJobs({ workerId: 'another-instance' });
    // The same submission again (double tap, network retry): one report, no new email.
    const replay = await reportWarningSign(w.patientUser, idempotencyKey);
    expect(replay).toMatchObject({ id: data.id, duplicate: true });
    await runDueJobs();
    expect(peer.messages).toHaveLength(1);
    expect(await notificationsOf(w.patient.id)).toMatchObject([{ status: 'sent', attempts: 1 }]);
    expect(await testDb.db.select().from(painReports).where(eq(painReports.patientId, w.patient.id))).toHaveLength(1);
  });
});

describe('(b) mail server down', () => {
  it('the report is saved and the patient told the email has not gone yet; once the server is back the queued job delivers it', async () => {
    const w = await world();
    const data = await withServerDown(() => reportWarningSign(w.patientUser));
    expect(await testDb.db.select().from(painReports).where(eq(painReports.id, data.id))).toHaveLength(1);
    expect(data.safety).toMatchObject({ alertTier: 'same-day', told: [{ name: 'Ada Lane', status: 'pending', sentAt: null }] });
    expect(receiptSentence(data.safety!)).toBe('We could not email Ada Lane yet and will keep trying. Your practice will also see it when they next check Loadline.');

    const job = await onlyEmailJob(w.patient.id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, lockedBy: null, lockedUntil: null, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    // First retry after the default backoff (30 s).
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    const [pending] = await notificationsOf(w.patient.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i), sentAt: null });

    await peer.start();
    // Not yet due: the worker leaves it for its backoff.
    await runDueJobs();
    expect(peer.messages).toHaveLength(0);

    await makeDue([job.id]);
    expect(await runDueJobs()).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(messagesTo(w.physio.email)).toHaveLength(1);
    expect(peer.messages).toHaveLength(1);
    expect(await onlyEmailJob(w.patient.id)).toMatchObject({ status: 'done', attempts: 2, lastError: null });
    expect(await notificationsOf(w.patient.id)).toMatchObject([{ status: 'sent', attempts: 2, lastError: null, sentAt: expect.any(Date) }]);
    // What the patient is told now reads the new state.
    const receipt = await safetyReceipt(await actorFor(w.patientUser), pending!.alertId, 'same-day');
    expect(receiptSentence(receipt!)).toBe('Ada Lane has been emailed to look at it.');
  });

  it('a server answering 451 is retried in the same run with zero backoff, and delivered once', async () => {
    const w = await world();
    await withServerDown(() => reportWarningSign(w.patientUser));
    const job = await onlyEmailJob(w.patient.id);
    await peer.start();
    peer.rejectNext(1);
    await makeDue([job.id]);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await runDueJobs({ backoffMs: () => 0 })).toEqual({ done: 1, retried: 1, failed: 0 });
      expect(spy).toHaveBeenCalledWith(expect.stringContaining('attempt 2 failed (retry)'), expect.stringContaining('451'));
    } finally {
      spy.mockRestore();
    }
    expect(messagesTo(w.physio.email)).toHaveLength(1);
    expect(await onlyEmailJob(w.patient.id)).toMatchObject({ status: 'done', attempts: 3 });
    expect(await notificationsOf(w.patient.id)).toMatchObject([{ status: 'sent', attempts: 3 }]);
  });
});

describe('(c) the app restarted between the report and the send', () => {
  /** A warning sign's email, queued while the server was down and now due with it back, claimed for 400 ms by 'old-instance'. */
  async function claimedByOldInstance() {
    const w = await world();
    await withServerDown(() => reportWarningSign(w.patientUser));
    const job = await onlyEmailJob(w.patient.id);
    await peer.start();
    await makeDue([job.id]);
    const [held] = await claimJobs(getDb(), 'old-instance', { limit: 10, leaseMs: 400, ids: [job.id] });
    return { w, job, held };
  }

  it('a report committed by an instance that died before sending is emailed by the next instance, once', async () => {
    const w = await world();
    const actor = await actorFor(w.patientUser);
    // What logPain does up to the commit; the process "dies" before runJobsNow.
    const input = painReportSchema.parse({ idempotencyKey: randomUUID(), score: 6, symptoms: ['saddle-numbness'] });
    const saved = await getDb().transaction((tx) => insertPain(tx, actor, w.patient.id, input, null));
    expect(saved.emailJobIds).toHaveLength(1);
    expect(peer.messages).toHaveLength(0);
    expect(await notificationsOf(w.patient.id)).toMatchObject([{ status: 'pending', attempts: 0 }]);

    expect((await runDueJobs({ workerId: 'new-instance' })).done).toBeGreaterThanOrEqual(1);
    expect(messagesTo(w.physio.email)).toHaveLength(1);
    await runDueJobs({ workerId: 'new-instance' });
    expect(peer.messages).toHaveLength(1);
    expect(await onlyEmailJob(w.patient.id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('a job claimed by an instance that died holding it is sent by another once its lease ends, and the dead claim cannot complete it', async () => {
    const { w, job, held } = await claimedByOldInstance();
    expect(held).toMatchObject({ id: job.id, lockedBy: 'old-instance', attempts: 2 });
    // ...and the old instance is gone. While its lease lasts nobody else takes the job.
    expect(await runDueJobs({ workerId: 'new-instance' })).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(peer.messages).toHaveLength(0);

    await sleep(600);
    expect(await runDueJobs({ workerId: 'new-instance' })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(messagesTo(w.physio.email)).toHaveLength(1);
    expect(await completeJob(getDb(), held!, 'old-instance')).toBe(false);
    await runDueJobs({ workerId: 'new-instance' });
    expect(peer.messages).toHaveLength(1);
    expect(await onlyEmailJob(w.patient.id)).toMatchObject({ status: 'done', attempts: 3, lockedBy: null });
    expect(await notificationsOf(w.patient.id)).toMatchObject([{ status: 'sent' }]);
  });

  it('an instance that sent the email but died before marking the job done does not cause a second email', async () => {
    const { w, held } = await claimedByOldInstance();
    await sendSafetyEmail(held!, { finalAttempt: false });
    expect(messagesTo(w.physio.email)).toHaveLength(1);
    // Dies here, before completeJob. After the lease the job is claimed again and finds the email sent.
    await sleep(600);
    expect(await runDueJobs({ workerId: 'new-instance' })).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(peer.messages).toHaveLength(1);
    expect(await onlyEmailJob(w.patient.id)).toMatchObject({ status: 'done', attempts: 3 });
  });
});

describe('(d) two workers', () => {
  /** n practices, each with its own treating physio, so every email is told apart by its recipient. */
  async function worldsOf(n: number) {
    const worlds: Awaited<ReturnType<typeof world>>[] = [];
    for (let i = 0; i < n; i += 1) worlds.push(await world(`Physio ${String.fromCharCode(65 + i)}`));
    return worlds;
  }

  it('queued safety emails are each sent exactly once when two workers run at the same time', async () => {
    const worlds = await worldsOf(6);
    await withServerDown(async () => {
      for (const w of worlds) await reportWarningSign(w.patientUser);
    });
    const queued = await Promise.all(worlds.map((w) => onlyEmailJob(w.patient.id)));
    expect(queued.every((j) => j.status === 'queued' && j.attempts === 1)).toBe(true);
    await peer.start();
    await makeDue(queued.map((j) => j.id));

    // limit 1: the workers take one job per claim, so they interleave over the queue.
    const [a, b] = await Promise.all([runDueJobs({ workerId: 'a', limit: 1 }), runDueJobs({ workerId: 'b', limit: 1 })]);
    expect(a.done + b.done).toBe(worlds.length);
    expect(a.retried + b.retried + a.failed + b.failed).toBe(0);
    expect(peer.messages).toHaveLength(worlds.length);
    for (const w of worlds) {
      const mails = messagesTo(w.physio.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain(`/patients/${w.patient.id}`);
      expect(await notificationsOf(w.patient.id)).toMatchObject([{ status: 'sent', attempts: 2 }]);
    }
    // Each job was claimed once after its failed first try: attempts 2, never 3.
    const after = await testDb.db.select().from(jobs).where(inArray(jobs.id, queued.map((j) => j.id)));
    expect(after.map((j) => [j.status, j.attempts, j.lockedBy])).toEqual(after.map(() => ['done', 2, null]));

    // And again with a larger batch each: nothing left to send.
    await Promise.all([runDueJobs({ workerId: 'a' }), runDueJobs({ workerId: 'b' })]);
    expect(peer.messages).toHaveLength(worlds.length);
  });

  it('three workers taking batches of three over a larger queue: every email once, no job done twice', async () => {
    const worlds = await worldsOf(12);
    await withServerDown(async () => {
      for (const w of worlds) await reportWarningSign(w.patientUser);
    });
    const queued = await Promise.all(worlds.map((w) => onlyEmailJob(w.patient.id)));
    await peer.start();
    await makeDue(queued.map((j) => j.id));
    const results = await Promise.all(['a', 'b', 'c'].map((workerId) => runDueJobs({ workerId, limit: 3 })));
    expect(results.reduce((n, r) => n + r.done, 0)).toBe(worlds.length);
    expect(peer.messages).toHaveLength(worlds.length);
    for (const w of worlds) expect(messagesTo(w.physio.email)).toHaveLength(1);
    const after = await testDb.db.select().from(jobs).where(inArray(jobs.id, queued.map((j) => j.id)));
    expect(after.every((j) => j.status === 'done' && j.attempts === 2)).toBe(true);
  });
});

describe('the queue forgets finished jobs', () => {
  it('prunes done jobs older than 30 days; recent ones, queued ones and failed ones stay', async () => {
    const db = getDb();
    const tag = randomUUID();
    const ids = await Promise.all(['old-done', 'new-done', 'old-failed', 'queued'].map((name) => enqueue(db, { kind: 'test.noop', payload: {}, dedupeKey: `${tag}:${name}` })));
    const [oldDone, newDone, oldFailed] = ids as number[];
    await db.update(jobs).set({ status: 'done', finishedAt: sql`now() - interval '31 days'` }).where(eq(jobs.id, oldDone!));
    await db.update(jobs).set({ status: 'done', finishedAt: sql`now() - interval '29 days'` }).where(eq(jobs.id, newDone!));
    await db.update(jobs).set({ status: 'failed', finishedAt: sql`now() - interval '90 days'` }).where(eq(jobs.id, oldFailed!));
    await pruneDoneJobs(db);
    const left = await db.select({ key: jobs.dedupeKey }).from(jobs).where(sql`${jobs.dedupeKey} LIKE ${`${tag}:%`}`);
    expect(left.map((j) => j.key).sort()).toEqual([`${tag}:new-done`, `${tag}:old-failed`, `${tag}:queued`]);
  });
});
