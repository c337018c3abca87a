import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, users } from '@/db/schema';
import { getActor, requireActor } from '@/lib/auth/require-actor';
import { THROTTLE } from '@/lib/auth/throttle';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { setupTestDb } from '../helpers/db';
import { createPractice, createStaff, TEST_PASSWORD } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();
beforeEach(() => signOut());

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

describe('sign-in', () => {
  it('accepts the right password, stores an argon2id hash and audits the success', async () => {
    const practice = await createPractice();
    const user = await createStaff(practice.id);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const result = await verifyCredentials(testDb.db, { email: user.email.toUpperCase(), password: TEST_PASSWORD }, { ip: freshIp(), userAgent: 'ua' });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, roles: ['physio'] } });
    const events = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'sign_in.success')));
    expect(events).toHaveLength(1);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const practice = await createPractice();
    const user = await createStaff(practice.id);
    const wrong = await verifyCredentials(testDb.db, { email: user.email, password: 'nope' }, { ip: freshIp(), userAgent: null });
    const unknown = await verifyCredentials(testDb.db, { email: 'nobody@test.example', password: 'nope' }, { ip: freshIp(), userAgent: null });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual(wrong);
  });

  it('refuses a deactivated or invited account even with the right password', async () => {
    const practice = await createPractice();
    const gone = await createStaff(practice.id, ['physio'], { status: 'deactivated' });
    const invited = await createStaff(practice.id, ['physio'], { status: 'invited' });
    for (const u of [gone, invited]) {
      expect(await verifyCredentials(testDb.db, { email: u.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null })).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it(`locks an account after ${THROTTLE.maxFailuresPerAccount} failures, even for the right password, from any IP`, async () => {
    const practice = await createPractice();
    const user = await createStaff(practice.id);
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) {
      expect(await verifyCredentials(testDb.db, { email: user.email, password: `wrong-${i}` }, { ip: freshIp(), userAgent: null })).toEqual({ ok: false, reason: 'invalid' });
    }
    const locked = await verifyCredentials(testDb.db, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null });
    expect(locked).toEqual({ ok: false, reason: 'throttled' });
  });

  it('locks an unknown email the same way, so lockout does not reveal which emails exist', async () => {
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) {
      await verifyCredentials(testDb.db, { email: 'ghost@test.example', password: 'x' }, { ip: freshIp(), userAgent: null });
    }
    expect(await verifyCredentials(testDb.db, { email: 'ghost@test.example', password: 'x' }, { ip: freshIp(), userAgent: null })).toEqual({ ok: false, reason: 'throttled' });
  });

  it(`throttles an IP after ${THROTTLE.maxFailuresPerIp} failures across many emails`, async () => {
    const practice = await createPractice();
    const user = await createStaff(practice.id);
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.maxFailuresPerIp; i++) {
      await verifyCredentials(testDb.db, { email: `spray-${i}@test.example`, password: 'x' }, { ip, userAgent: null });
    }
    expect(await verifyCredentials(testDb.db, { email: user.email, password: TEST_PASSWORD }, { ip, userAgent: null })).toEqual({ ok: false, reason: 'throttled' });
    expect((await verifyCredentials(testDb.db, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null })).ok).toBe(true);
  });
});

describe('requireActor', () => {
  it('refuses anonymous requests', async () => {
    await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('builds the actor from the user row', async () => {
    const practice = await createPractice('Actor Practice', 'America/New_York');
    const user = await createStaff(practice.id, ['physio', 'admin']);
    signInAs(user);
    expect(await requireActor()).toMatchObject({ userId: user.id, practiceId: practice.id, roles: ['physio', 'admin'], timeZone: 'America/New_York' });
  });

  it('refuses a deactivated user on the next request', async () => {
    const practice = await createPractice();
    const user = await createStaff(practice.id);
    signInAs(user);
    expect(await getActor()).not.toBeNull();
    await testDb.db.update(users).set({ status: 'deactivated', sessionVersion: user.sessionVersion + 1 }).where(eq(users.id, user.id));
    await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a token from before a role change (session version bumped)', async () => {
    const practice = await createPractice();
    const user = await createStaff(practice.id, ['physio', 'admin']);
    signInAs(user);
    await testDb.db.update(users).set({ roles: ['physio'], sessionVersion: user.sessionVersion + 1 }).where(eq(users.id, user.id));
    expect(await getActor()).toBeNull();
    signInAs({ ...user, sessionVersion: user.sessionVersion + 1 });
    expect((await requireActor()).roles).toEqual(['physio']);
  });
});
