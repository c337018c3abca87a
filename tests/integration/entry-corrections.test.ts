// An entry is corrected or removed once (project issue 14): a second correction or
// removal of the same entry is refused with a plain message and writes nothing, so
// trends and alerts never count two live replacements of one entry.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, painReports, trainingSessions } from '@/db/schema';
import { correctPainAction } from '@/lib/actions/entries/correct-pain';
import { correctSessionAction } from '@/lib/actions/entries/correct-session';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { voidEntryAction } from '@/lib/actions/entries/void-entry';
import type { ActionResult } from '@/lib/actions/result';
import { localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();

const key = () => randomUUID();
const today = () => localDate(new Date(), 'Europe/London');
const ALREADY = /already corrected or removed/i;
const rowsFor = async (table: typeof painReports | typeof trainingSessions, patientId: string) => testDb.db.select().from(table).where(eq(table.patientId, patientId));
const eventsFor = async (patientId: string) => testDb.db.select().from(auditEvents).where(eq(auditEvents.patientId, patientId));

async function world() {
  const practice = await createPractice();
  const physioUser = await createStaff(practice.id);
  const { patient, user: patientUser } = await createPatientAccount(practice.id);
  signInAs(patientUser);
  return { practice, physioUser, patient, patientUser };
}

async function loggedPain(score = 7) {
  const r = await logPainAction(null, { idempotencyKey: key(), score });
  if (!r.ok) throw new Error(`log failed: ${r.message}`);
  return r.data.id;
}

async function loggedSession() {
  const r = await logSessionAction(null, { idempotencyKey: key(), activity: 'run', date: today(), durationMin: '30', distance: '5', rpe: '6' });
  if (!r.ok) throw new Error(`log failed: ${r.message}`);
  return r.data.id;
}

const correctPain = (id: string, score: number, idempotencyKey = key()) => correctPainAction(null, { correctsId: id, reason: `Meant ${score}`, idempotencyKey, score });
const correctSession = (id: string, durationMin: number, idempotencyKey = key()) =>
  correctSessionAction(null, { correctsId: id, reason: `Was ${durationMin} minutes`, idempotencyKey, activity: 'run', date: today(), durationMin, distance: 5, rpe: 6 });
const voidEntry = (kind: 'pain' | 'session', id: string, reason = 'Logged by mistake') => voidEntryAction(null, { kind, id, reason });

/** The whole state of a patient's entries and audit trail, to show a refusal wrote nothing. */
async function snapshot(patientId: string) {
  const strip = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return { pain: strip(await rowsFor(painReports, patientId)), sessions: strip(await rowsFor(trainingSessions, patientId)), events: (await eventsFor(patientId)).length };
}

/** Each change is refused as already corrected or removed, and together they leave the patient's entries and audit trail as they were. */
async function expectRefusedWritingNothing(patientId: string, ...changes: (() => Promise<ActionResult<unknown>>)[]) {
  const before = await snapshot(patientId);
  for (const change of changes) {
    const result = await change();
    expect(result).toMatchObject({ ok: false, code: 'conflict' });
    if (!result.ok) expect(result.message).toMatch(ALREADY);
  }
  expect(await snapshot(patientId)).toEqual(before);
}

describe('an entry is corrected or removed once', () => {
  it.each([
    { name: 'pain: correct after correct is refused with a plain message and writes nothing', table: painReports, logged: () => loggedPain(9), correct: correctPain, first: 3, second: 4, kept: { score: 3 } },
    { name: 'session: correct after correct is refused and writes nothing', table: trainingSessions, logged: loggedSession, correct: correctSession, first: 40, second: 50, kept: { durationMin: 40 } },
  ])('$name', async ({ table, logged, correct, first, second, kept }) => {
    const w = await world();
    const id = await logged();
    expect(await correct(id, first)).toMatchObject({ ok: true });
    await expectRefusedWritingNothing(w.patient.id, () => correct(id, second));
    const live = (await rowsFor(table, w.patient.id)).filter((r) => r.voidedAt === null);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ ...kept, correctsId: id });
  });

  it('void after void is refused and keeps who removed it first and why', async () => {
    const w = await world();
    for (const [kind, id] of [['pain', await loggedPain()], ['session', await loggedSession()]] as const) {
      expect(await voidEntry(kind, id, 'Logged twice')).toMatchObject({ ok: true });
      signInAs(w.physioUser);
      await expectRefusedWritingNothing(w.patient.id, () => voidEntry(kind, id, 'Not a real entry'));
      const table = kind === 'pain' ? painReports : trainingSessions;
      const [row] = await testDb.db.select().from(table).where(eq(table.id, id));
      expect(row).toMatchObject({ voidedBy: w.patientUser.id, voidReason: 'Logged twice' });
      signInAs(w.patientUser);
    }
  });

  it('correct after void is refused: a removed entry gets no replacement', async () => {
    const w = await world();
    const painId = await loggedPain();
    const sessionId = await loggedSession();
    expect(await voidEntry('pain', painId)).toMatchObject({ ok: true });
    expect(await voidEntry('session', sessionId)).toMatchObject({ ok: true });
    await expectRefusedWritingNothing(w.patient.id, () => correctPain(painId, 2), () => correctSession(sessionId, 20));
    expect((await rowsFor(painReports, w.patient.id)).filter((r) => r.voidedAt === null)).toHaveLength(0);
    expect((await rowsFor(trainingSessions, w.patient.id)).filter((r) => r.voidedAt === null)).toHaveLength(0);
  });

  it('void after correct is refused: the replacement stays live, the original keeps its correction reason', async () => {
    const w = await world();
    const painId = await loggedPain(8);
    const sessionId = await loggedSession();
    expect(await correctPain(painId, 2)).toMatchObject({ ok: true });
    expect(await correctSession(sessionId, 25)).toMatchObject({ ok: true });
    await expectRefusedWritingNothing(w.patient.id, () => voidEntry('pain', painId, 'Remove it after all'), () => voidEntry('session', sessionId, 'Remove it after all'));
    const [original] = await testDb.db.select().from(painReports).where(eq(painReports.id, painId));
    expect(original?.voidReason).toBe('Meant 2');
    expect((await rowsFor(painReports, w.patient.id)).filter((r) => r.voidedAt === null)).toEqual([expect.objectContaining({ score: 2, correctsId: painId })]);
  });

  it('the replacement itself can still be corrected or removed (a chain, one live entry at a time)', async () => {
    const w = await world();
    const id = await loggedPain(9);
    const first = await correctPain(id, 3);
    if (!first.ok) throw new Error(first.message);
    const second = await correctPain(first.data.id, 4);
    expect(second).toMatchObject({ ok: true });
    if (!second.ok) return;
    expect(await voidEntry('pain', second.data.id)).toMatchObject({ ok: true });
    expect((await rowsFor(painReports, w.patient.id)).filter((r) => r.voidedAt === null)).toHaveLength(0);
  });

  it('a retried correction (same form, same idempotency key) answers as the first did, not as a conflict', async () => {
    const w = await world();
    const id = await loggedPain(9);
    const k = key();
    const first = await correctPain(id, 3, k);
    if (!first.ok) throw new Error(first.message);
    expect(await correctPain(id, 3, k)).toMatchObject({ ok: true, data: { id: first.data.id } });
    expect(await rowsFor(painReports, w.patient.id)).toHaveLength(2);
    const sessionId = await loggedSession();
    const sk = key();
    const s1 = await correctSession(sessionId, 45, sk);
    if (!s1.ok) throw new Error(s1.message);
    expect(await correctSession(sessionId, 45, sk)).toMatchObject({ ok: true, data: { id: s1.data.id } });
    expect(await rowsFor(trainingSessions, w.patient.id)).toHaveLength(2);
  });

  it('a correction that adds a warning sign still records it (insertPain in the same transaction)', async () => {
    const w = await world();
    const id = await loggedPain(4);
    const r = await correctPainAction(null, { correctsId: id, reason: 'Forgot the numbness', idempotencyKey: key(), score: 6, symptoms: ['leg-numbness'] });
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.data.safety).not.toBeNull();
    const [row] = await testDb.db.select().from(painReports).where(eq(painReports.id, r.data.id));
    expect(row?.safetyAlertId).not.toBeNull();
    expect(await correctPainAction(null, { correctsId: id, reason: 'Again', idempotencyKey: key(), score: 7, symptoms: ['leg-numbness'] })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await rowsFor(painReports, w.patient.id)).toHaveLength(2);
  });
});

describe('the database allows one live correction per entry', () => {
  it('a second live row correcting the same entry is refused by a unique index (both tables)', async () => {
    const w = await world();
    const painId = await loggedPain();
    const sessionId = await loggedSession();
    const pain = (n: number) => testDb.db.insert(painReports).values({ practiceId: w.practice.id, patientId: w.patient.id, score: n, reportedAt: new Date(), localDate: today(), correctsId: painId });
    const session = () => testDb.db.insert(trainingSessions).values({ practiceId: w.practice.id, patientId: w.patient.id, activity: 'run', localDate: today(), durationMin: 30, rpe: 5, correctsId: sessionId });
    await pain(2);
    await expect(pain(3)).rejects.toThrow();
    await session();
    await expect(session()).rejects.toThrow();
  });

  it('the migration keeps the earliest of existing duplicate corrections live and voids the later ones', async () => {
    const w = await world();
    const painId = await loggedPain();
    const sessionId = await loggedSession();
    const file = readFileSync(path.join(process.cwd(), 'db', 'migrations', migrationTag() + '.sql'), 'utf8');
    const index = /CREATE UNIQUE INDEX[^;]*"(\w+)"\s+ON\s+"pain_reports"/i.exec(file)?.[1];
    const sessionIndex = /CREATE UNIQUE INDEX[^;]*"(\w+)"\s+ON\s+"training_sessions"/i.exec(file)?.[1];
    expect(index && sessionIndex).toBeTruthy();
    // Back to the data this migration meets: no index, and duplicates made by the old code.
    await testDb.db.execute(sql.raw(`DROP INDEX "${index}"`));
    await testDb.db.execute(sql.raw(`DROP INDEX "${sessionIndex}"`));
    const at = (min: number) => new Date(Date.now() - (10 - min) * 60_000);
    const painRows = await testDb.db.insert(painReports).values([1, 2, 3].map((n) => ({ practiceId: w.practice.id, patientId: w.patient.id, score: n, reportedAt: at(n), localDate: today(), correctsId: painId, createdAt: at(n) }))).returning({ id: painReports.id, score: painReports.score });
    const sessionRows = await testDb.db.insert(trainingSessions).values([31, 32].map((m, i) => ({ practiceId: w.practice.id, patientId: w.patient.id, activity: 'run' as const, localDate: today(), durationMin: m, rpe: 5, correctsId: sessionId, createdAt: at(i) }))).returning({ id: trainingSessions.id });
    for (const statement of file.split('--> statement-breakpoint')) await testDb.db.execute(sql.raw(statement));
    const livePain = await testDb.db.select().from(painReports).where(and(eq(painReports.correctsId, painId), isNull(painReports.voidedAt)));
    expect(livePain.map((r) => r.id)).toEqual([painRows.find((r) => r.score === 1)!.id]);
    const voided = await testDb.db.select().from(painReports).where(eq(painReports.correctsId, painId));
    expect(voided.filter((r) => r.voidedAt !== null).every((r) => /duplicate correction/i.test(r.voidReason ?? ''))).toBe(true);
    const liveSessions = await testDb.db.select().from(trainingSessions).where(and(eq(trainingSessions.correctsId, sessionId), isNull(trainingSessions.voidedAt)));
    expect(liveSessions.map((r) => r.id)).toEqual([sessionRows[0]!.id]);
  });
});

/** The migration that adds the one-live-correction indexes (found by its content, not its number). */
function migrationTag() {
  const journal = JSON.parse(readFileSync(path.join(process.cwd(), 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const tag = journal.entries.map((e) => e.tag).find((t) => /correction/.test(t));
  if (!tag) throw new Error('no migration for one live correction per entry');
  return tag;
}
