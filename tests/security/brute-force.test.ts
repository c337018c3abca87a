// Brute force and enumeration: failures are locked per account and per IP with the state
// in the database (so it holds across app instances and restarts), the lock lifts after
// the window, and an unknown email fails exactly like a wrong password: same answer, and
// about the same time (argon2 runs against a dummy hash when there is no account).
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signInAttempts } from '@/db/schema';
import { emailKey, THROTTLE } from '@/lib/auth/throttle';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { setupTestDb } from '../helpers/db';
import { createPractice, createStaff, TEST_PASSWORD } from '../helpers/factories';

const testDb = setupTestDb();

let n = 0;
const freshIp = () => `198.18.${Math.floor(++n / 250)}.${n % 250}`;
const attempt = (email: string, password: string, ip = freshIp()) => verifyCredentials(testDb.db, { email, password }, { ip, userAgent: 'brute' });
/** Moves this account's attempts back in time, as if the window had passed. */
const age = (email: string, minutes: number) =>
  testDb.db.update(signInAttempts).set({ createdAt: sql`${signInAttempts.createdAt} - make_interval(mins => ${minutes})` }).where(eq(signInAttempts.emailKey, emailKey(email)));

describe('per-account lock', () => {
  it(`locks after ${THROTTLE.maxFailuresPerAccount} failures from different IPs, refuses even the right password, and lifts after ${THROTTLE.windowMinutes} minutes`, async () => {
    const user = await createStaff((await createPractice()).id);
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) expect(await attempt(user.email, `wrong ${i}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await attempt(user.email, TEST_PASSWORD)).toEqual({ ok: false, reason: 'throttled' });
    expect(await attempt(user.email.toUpperCase(), TEST_PASSWORD)).toEqual({ ok: false, reason: 'throttled' });
    await age(user.email, THROTTLE.windowMinutes + 1);
    expect((await attempt(user.email, TEST_PASSWORD)).ok).toBe(true);
  });

  it('a successful sign-in starts the count again', async () => {
    const user = await createStaff((await createPractice()).id);
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount - 1; i++) await attempt(user.email, 'wrong');
    expect((await attempt(user.email, TEST_PASSWORD)).ok).toBe(true);
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount - 1; i++) await attempt(user.email, 'wrong');
    expect((await attempt(user.email, TEST_PASSWORD)).ok).toBe(true);
  });

  it('the lock survives a restart: it lives in the database, not in memory', async () => {
    const user = await createStaff((await createPractice()).id);
    await testDb.db.insert(signInAttempts).values(Array.from({ length: THROTTLE.maxFailuresPerAccount }, () => ({ emailKey: emailKey(user.email), ip: freshIp(), succeeded: false })));
    expect(await attempt(user.email, TEST_PASSWORD)).toEqual({ ok: false, reason: 'throttled' });
  });
});

describe('per-IP lock', () => {
  it(`locks an IP after ${THROTTLE.maxFailuresPerIp} failures spread over many emails, without locking those accounts elsewhere`, async () => {
    const user = await createStaff((await createPractice()).id);
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.maxFailuresPerIp; i++) await attempt(`spray-${i}-${ip}@test.example`, 'Password1!', ip);
    expect(await attempt(user.email, TEST_PASSWORD, ip)).toEqual({ ok: false, reason: 'throttled' });
    expect((await attempt(user.email, TEST_PASSWORD)).ok).toBe(true);
  });
});

describe('unknown client address', () => {
  // With no trustworthy address (request-info returns null) there is no per-IP bucket:
  // one shared "unknown" key would let anyone lock every account out for the window.
  const unknownIp = (email: string, password: string) => verifyCredentials(testDb.db, { email, password }, { ip: null, userAgent: 'brute' });

  it(`${THROTTLE.maxFailuresPerIp + 5} failures with made-up emails from unknown addresses lock nobody else out`, async () => {
    const user = await createStaff((await createPractice()).id);
    for (let i = 0; i < THROTTLE.maxFailuresPerIp + 5; i++) expect(await unknownIp(`made-up-${i}-${Date.now()}@test.example`, 'Password1!')).toEqual({ ok: false, reason: 'invalid' });
    expect((await unknownIp(user.email, TEST_PASSWORD)).ok).toBe(true);
  });

  it('the per-account lock still holds when the address is unknown', async () => {
    const user = await createStaff((await createPractice()).id);
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) await unknownIp(user.email, 'wrong');
    expect(await unknownIp(user.email, TEST_PASSWORD)).toEqual({ ok: false, reason: 'throttled' });
  });
});

describe('enumeration', () => {
  it('an unknown email and a wrong password get the same answer and the same lock', async () => {
    const user = await createStaff((await createPractice()).id);
    const ghost = `ghost-${Date.now()}@test.example`;
    expect(await attempt(ghost, 'whatever')).toEqual(await attempt(user.email, 'whatever'));
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) await attempt(ghost, 'whatever');
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) await attempt(user.email, 'whatever');
    expect(await attempt(ghost, 'whatever')).toEqual(await attempt(user.email, 'whatever'));
  });

  it('an unknown email and a wrong password take about the same time (medians of 15 each)', async () => {
    const practice = await createPractice();
    const accounts = await Promise.all(Array.from({ length: 15 }, () => createStaff(practice.id)));
    const time = async (email: string) => {
      const start = performance.now();
      const result = await attempt(email, 'not the password');
      expect(result).toEqual({ ok: false, reason: 'invalid' });
      return performance.now() - start;
    };
    await time(`warm-${Date.now()}@test.example`); // the dummy hash is made on first use
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, so load on the machine hits both the same way.
    for (let i = 0; i < 15; i++) {
      unknown.push(await time(`nobody-${i}-${Date.now()}@test.example`));
      wrong.push(await time(accounts[i]!.email));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(wrong);
    console.log(`sign-in failure timing: unknown email median ${median(unknown).toFixed(1)} ms, wrong password median ${median(wrong).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
