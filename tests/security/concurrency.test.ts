// Concurrency: requests that race each other. With TEST_DATABASE_URL set these run on
// PostgreSQL, where the pool (10 connections) really runs them at the same time; without
// it they run on PGlite, which takes one transaction at a time: the outcome must be the
// same either way.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, exerciseCompletions, painReports, programs, programVersions, trainingSessions, users } from '@/db/schema';
import { completeExerciseAction } from '@/lib/actions/entries/complete-exercise';
import { correctPainAction } from '@/lib/actions/entries/correct-pain';
import { correctSessionAction } from '@/lib/actions/entries/correct-session';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { voidEntryAction } from '@/lib/actions/entries/void-entry';
import { createProgramAction } from '@/lib/actions/programs/create-program';
import { updateProgramAction } from '@/lib/actions/programs/update-program';
import { acceptToken, inviteStaff } from '@/lib/data/invites';
import { changeUserRoles } from '@/lib/data/users';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPractice, createStaff } from '../helpers/factories';
import { libraryExerciseId } from '../helpers/library';
import { signInAs } from '../helpers/session';
import { buildWorld, key, today } from './world';

const testDb = setupTestDb((handle) => {
  console.log(`concurrency tests on ${handle.kind === 'postgres' ? 'PostgreSQL (real parallel transactions)' : 'PGlite (one transaction at a time)'}`);
});

const program = async (title: string) => ({
  title, startDate: today(), articleSlugs: [] as string[], items: [{ exerciseId: await libraryExerciseId('bird-dog'), sets: 2, reps: 8, sessionsPerWeek: 3 }],
});

describe('races', () => {
  it('two program saves from the same version: exactly one wins, the other is told and nothing of it is kept', async () => {
    const w = await buildWorld();
    signInAs(w.physioUser);
    for (let round = 0; round < 5; round++) {
      const [current] = await testDb.db.select().from(programs).where(eq(programs.id, w.program.id));
      const results = await Promise.all(['Alpha', 'Beta'].map(async (who) => updateProgramAction({ programId: w.program.id, version: current!.version, program: await program(`${who} ${round}`) })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.code === 'conflict')).toHaveLength(1);
      const [after] = await testDb.db.select().from(programs).where(eq(programs.id, w.program.id));
      expect(after!.version).toBe(current!.version + 1);
      const winner = results.findIndex((r) => r.ok);
      expect(after!.title).toBe(`${winner === 0 ? 'Alpha' : 'Beta'} ${round}`);
      const versions = await testDb.db.select().from(programVersions).where(and(eq(programVersions.programId, w.program.id), eq(programVersions.version, after!.version)));
      expect(versions).toHaveLength(1);
    }
  });

  // Score 7 can be a warning sign (a transaction judges it); score 2 cannot (one statement).
  it.each(['7', '2'])('20 duplicate pain submissions (score %s) with one idempotency key: one row, one audit event, one id for all', async (score) => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const k = key();
    const results = await Promise.all(Array.from({ length: 20 }, () => logPainAction(null, { idempotencyKey: k, score })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.data.id : null))).size).toBe(1);
    expect(results.filter((r) => r.ok && !r.data.duplicate)).toHaveLength(1);
    const rows = await testDb.db.select().from(painReports).where(and(eq(painReports.patientId, w.patient.id), eq(painReports.idempotencyKey, k)));
    expect(rows).toHaveLength(1);
    const events = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, rows[0]!.id), eq(auditEvents.action, 'pain.create')));
    expect(events).toHaveLength(1);
  });

  it('20 duplicate session submissions with one idempotency key: one row', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const k = key();
    const results = await Promise.all(Array.from({ length: 20 }, () => logSessionAction(null, { idempotencyKey: k, activity: 'run', date: today(), durationMin: '30', distance: '5', rpe: '6' })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await testDb.db.select().from(trainingSessions).where(and(eq(trainingSessions.patientId, w.patient.id), eq(trainingSessions.idempotencyKey, k)))).toHaveLength(1);
  });

  it('two new programs for one patient at once: one active program remains, the other ended', async () => {
    const w = await buildWorld();
    signInAs(w.physioUser);
    const results = await Promise.all(['First', 'Second'].map(async (t) => createProgramAction({ patientId: w.patient2.id, program: await program(t) })));
    expect(results.every((r) => r.ok)).toBe(true);
    const active = await testDb.db.select().from(programs).where(and(eq(programs.patientId, w.patient2.id), eq(programs.status, 'active')));
    expect(active).toHaveLength(1);
  });

  it('one tick a day: two devices ticking the same exercise at once (different keys) record one', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const results = await Promise.all(Array.from({ length: 5 }, () => completeExerciseAction(null, { programItemId: w.itemId, idempotencyKey: key() })));
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await testDb.db.select().from(exerciseCompletions).where(and(eq(exerciseCompletions.programItemId, w.itemId), eq(exerciseCompletions.completedOn, today()), isNull(exerciseCompletions.voidedAt)));
    expect(rows).toHaveLength(1);
  });

  it('an invitation link used in two tabs at once sets the password once', async () => {
    const w = await buildWorld();
    const email = `race.${key()}@test.example`;
    const link = await inviteStaff(w.admin, { email, name: 'Race Invitee', roles: ['physio'] });
    const token = link.url.split('/').pop()!;
    const results = await Promise.allSettled(['first tab password here', 'second tab password here'].map((p) => acceptToken(token, p)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [user] = await testDb.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ status: 'active', sessionVersion: 2 });
  });

  it('two admins removing each other admin role at once: the practice keeps an admin', async () => {
    const practice = await createPractice();
    const [a, b] = await Promise.all([createStaff(practice.id, ['physio', 'admin']), createStaff(practice.id, ['physio', 'admin'])]);
    const results = await Promise.allSettled([changeUserRoles(await actorFor(a), b.id, ['physio']), changeUserRoles(await actorFor(b), a.id, ['physio'])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await testDb.db.select().from(users).where(and(eq(users.practiceId, practice.id), sql`'admin' = ANY(${users.roles})`));
    expect(admins).toHaveLength(1);
  });
  it('8 corrections of one pain entry at once (different keys): one wins, one live replacement, the others are told', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => correctPainAction(null, { correctsId: w.painId, reason: `Meant ${i}`, idempotencyKey: key(), score: i })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'conflict')).toHaveLength(7);
    const live = await testDb.db.select().from(painReports).where(and(eq(painReports.correctsId, w.painId), isNull(painReports.voidedAt)));
    expect(live).toHaveLength(1);
    expect(await testDb.db.select().from(painReports).where(eq(painReports.correctsId, w.painId))).toHaveLength(1);
    const winner = results.find((r) => r.ok);
    expect(live[0]!.id).toBe(winner?.ok ? winner.data.id : null);
    const [original] = await testDb.db.select().from(painReports).where(eq(painReports.id, w.painId));
    expect(original!.voidReason).toBe(`Meant ${live[0]!.score}`);
    const events = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, w.painId), eq(auditEvents.action, 'pain.void')));
    expect(events).toHaveLength(1);
  });

  it('one correction form submitted 8 times at once (same key): one replacement, every submission told it went through', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const k = key();
    const results = await Promise.all(Array.from({ length: 8 }, () => correctPainAction(null, { correctsId: w.painId, reason: 'Meant 2', idempotencyKey: k, score: 2 })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.data.id : null))).size).toBe(1);
    expect(await testDb.db.select().from(painReports).where(eq(painReports.correctsId, w.painId))).toHaveLength(1);
  });

  it('8 corrections of one session at once: one live replacement', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => correctSessionAction(null, { correctsId: w.sessionId, reason: `Was ${20 + i} minutes`, idempotencyKey: key(), activity: 'run', date: today(), durationMin: 20 + i, rpe: 5 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'conflict')).toHaveLength(7);
    expect(await testDb.db.select().from(trainingSessions).where(eq(trainingSessions.correctsId, w.sessionId))).toHaveLength(1);
  });

  it('corrections and removals of one entry at once: exactly one of them happens', async () => {
    const w = await buildWorld();
    signInAs(w.patientUser);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      i % 2 ? voidEntryAction(null, { kind: 'session', id: w.sessionId, reason: `Remove ${i}` })
        : correctSessionAction(null, { correctsId: w.sessionId, reason: `Fix ${i}`, idempotencyKey: key(), activity: 'run', date: today(), durationMin: 30 + i, rpe: 5 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'conflict')).toHaveLength(5);
    const replacements = await testDb.db.select().from(trainingSessions).where(eq(trainingSessions.correctsId, w.sessionId));
    expect(replacements).toHaveLength(results.findIndex((r) => r.ok) % 2 ? 0 : 1);
    const voids = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, w.sessionId), eq(auditEvents.action, 'session.void')));
    expect(voids).toHaveLength(1);
  });
});
