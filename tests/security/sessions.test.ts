// Sessions end when they should: signing out ends that session on the server (a copied
// cookie stops working) and "sign out everywhere" every session of the account;
// deactivation, a role change and a password reset all refuse an open session on its next request; a session unused for the practice's idle
// time (as set at sign-in, and as the practice has it now), or older than
// ABSOLUTE_SESSION_HOURS, is dropped. (The browser side, with a real
// cookie through proxy.ts, is in e2e/security.spec.ts.)
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents, practices, userActivity, userSessions, users } from '@/db/schema';
import { changeUserRolesAction } from '@/lib/actions/admin/change-user-roles';
import { signOutAction } from '@/lib/actions/auth/sign-out';
import { signOutEverywhereAction } from '@/lib/actions/auth/sign-out-everywhere';
import { issuePasswordResetAction } from '@/lib/actions/admin/issue-password-reset';
import { setUserStatusAction } from '@/lib/actions/admin/set-user-status';
import { setPasswordAction } from '@/lib/actions/invites/set-password';
import { ABSOLUTE_SESSION_HOURS, authConfig, readClaims, sessionState, type TokenClaims } from '@/lib/auth/config';
import { getActor, requireActor } from '@/lib/auth/require-actor';
import { pruneEndedSessions } from '@/lib/auth/user-sessions';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { createPatientAccount, createPractice, createStaff, TEST_PASSWORD } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

// Auth.js's own cookie handling needs a browser request; what is under test is the server side.
const authSignOut = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock('@/lib/auth', () => ({ signOut: authSignOut, signIn: vi.fn(), auth: vi.fn(async () => null) }));

const testDb = setupTestDb();
beforeEach(() => signOut());
afterEach(() => vi.useRealTimers());

const row = async (id: string) => (await testDb.db.select().from(users).where(eq(users.id, id)))[0]!;
let ip = 0;
const freshIp = () => `192.0.2.${++ip}`;

describe('signing out ends the session on the server', () => {
  async function twoSessions() {
    const practice = await createPractice();
    const user = await createStaff(practice.id);
    const signIn = async () => {
      const result = await verifyCredentials(testDb.db, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null });
      if (!result.ok) throw new Error('sign-in failed');
      return { ...user, ...result.user };
    };
    return { user, laptop: await signIn(), phone: await signIn() };
  }

  it('a signed-out token is refused while another session of the same account goes on', async () => {
    const { laptop, phone } = await twoSessions();
    expect(laptop.sessionId).not.toBe(phone.sessionId);
    signInAs(laptop);
    expect(await getActor()).not.toBeNull();
    authSignOut.mockClear();
    await signOutAction();
    expect(authSignOut).toHaveBeenCalledWith({ redirectTo: '/login' });
    signInAs(laptop); // a copy of the laptop's cookie, still inside its idle limit
    expect(await getActor()).toBeNull();
    await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });
    signInAs(phone);
    expect(await getActor()).toMatchObject({ userId: phone.id });
    const [row] = await testDb.db.select().from(userSessions).where(eq(userSessions.id, laptop.sessionId));
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it('"sign out everywhere" refuses every session of the account; a new sign-in works', async () => {
    const { user, laptop, phone } = await twoSessions();
    const colleague = await createStaff(user.practiceId);
    const colleagueIn = await verifyCredentials(testDb.db, { email: colleague.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null });
    signInAs(phone);
    await signOutEverywhereAction();
    for (const s of [laptop, phone]) {
      signInAs(s);
      expect(await getActor()).toBeNull();
    }
    const events = await testDb.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.sign_out_everywhere'));
    expect(events).toMatchObject([{ actorUserId: user.id, entityId: user.id, meta: { sessions: 2 } }]);
    // Other accounts are untouched, and signing in again starts a fresh session.
    signInAs({ ...colleague, ...(colleagueIn.ok ? colleagueIn.user : {}) });
    expect(await getActor()).toMatchObject({ userId: colleague.id });
    const again = await verifyCredentials(testDb.db, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null });
    signInAs({ ...user, ...(again.ok ? again.user : {}) });
    expect(await getActor()).toMatchObject({ userId: user.id });
  });

  it('sessions past their absolute lifetime are forgotten (hourly); open ones stay', async () => {
    const { laptop, phone } = await twoSessions();
    await testDb.db.update(userSessions).set({ createdAt: new Date(Date.now() - (ABSOLUTE_SESSION_HOURS + 2) * 3_600_000) }).where(eq(userSessions.id, laptop.sessionId));
    expect(await pruneEndedSessions(testDb.db)).toBeGreaterThanOrEqual(1);
    const left = await testDb.db.select({ id: userSessions.id }).from(userSessions).where(eq(userSessions.userId, laptop.id));
    expect(left.map((r) => r.id)).toEqual([phone.sessionId]);
  });

  it("refuses a session id the server never issued for this account (another account's session, or none)", async () => {
    const { user, laptop } = await twoSessions();
    const other = await createStaff(user.practiceId);
    signInAs(other, undefined, { sid: laptop.sessionId });
    expect(await getActor()).toBeNull();
    signInAs(other);
    await signOutEverywhereAction();
    signInAs(laptop);
    expect(await getActor()).toMatchObject({ userId: user.id });
  });
});

describe('an open session ends on its next request when access changes', () => {
  async function setup() {
    const practice = await createPractice();
    const admin = await createStaff(practice.id, ['admin']);
    const physio = await createStaff(practice.id, ['physio', 'admin']);
    const { user: patient } = await createPatientAccount(practice.id);
    return { admin, physio, patient };
  }

  it('deactivation (staff and patient accounts)', async () => {
    const { admin, physio, patient } = await setup();
    for (const target of [physio, patient]) {
      signInAs(target);
      expect(await getActor()).not.toBeNull();
      signInAs(admin);
      expect((await setUserStatusAction(null, formData({ userId: target.id, status: 'deactivated' }))).ok).toBe(true);
      signInAs(target); // the same cookie as before
      await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });
      // Reactivation does not bring the old session back either.
      signInAs(admin);
      expect((await setUserStatusAction(null, formData({ userId: target.id, status: 'active' }))).ok).toBe(true);
      signInAs(target);
      expect(await getActor()).toBeNull();
    }
  });

  it('a role change: the old session is refused, a new sign-in carries the new roles', async () => {
    const { admin, physio } = await setup();
    signInAs(physio);
    expect((await requireActor()).roles).toEqual(['physio', 'admin']);
    signInAs(admin);
    expect((await changeUserRolesAction(null, formData({ userId: physio.id, roles: 'physio' }))).ok).toBe(true);
    signInAs(physio);
    expect(await getActor()).toBeNull();
    const signedIn = await verifyCredentials(testDb.db, { email: physio.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null });
    expect(signedIn.ok).toBe(true);
    signInAs({ ...physio, ...(signedIn.ok ? signedIn.user : {}) });
    expect((await requireActor()).roles).toEqual(['physio']);
  });

  it('a password reset: open sessions end when the link is used, the old password stops working', async () => {
    const { admin, patient } = await setup();
    signInAs(patient);
    expect(await getActor()).not.toBeNull();
    signInAs(admin);
    const issued = await issuePasswordResetAction(null, formData({ userId: patient.id }));
    expect(issued.ok).toBe(true);
    // Issuing the link alone ends nothing (an admin may issue it by mistake).
    signInAs(patient);
    expect(await getActor()).not.toBeNull();
    const token = (issued as { data: { url: string } }).data.url.split('/').pop()!;
    const newPassword = 'a brand new quiet river';
    signOut();
    expect((await setPasswordAction(null, formData({ token, password: newPassword, confirm: newPassword }))).ok).toBe(true);
    signInAs(patient);
    expect(await getActor()).toBeNull();
    expect((await verifyCredentials(testDb.db, { email: patient.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null })).ok).toBe(false);
    const fresh = await verifyCredentials(testDb.db, { email: patient.email, password: newPassword }, { ip: freshIp(), userAgent: null });
    expect(fresh).toMatchObject({ ok: true, user: { sessionVersion: (await row(patient.id)).sessionVersion } });
  });
});

describe("the practice's idle limit as it is now applies to sessions already open", () => {
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
  const seenAt = async (userId: string) => (await testDb.db.select().from(userActivity).where(eq(userActivity.userId, userId)))[0]!.lastSeenAt;

  it('lowering the limit ends sessions idle longer than the new limit at once; active ones and new sign-ins go on', async () => {
    const practice = await createPractice();
    const idle = await createStaff(practice.id);
    const busy = await createStaff(practice.id);
    // Both signed in 40 minutes ago under the 60-minute default; `idle` last made a request 30 minutes ago, `busy` 5.
    await testDb.db.insert(userActivity).values([{ userId: idle.id, practiceId: practice.id, lastSeenAt: ago(30) }, { userId: busy.id, practiceId: practice.id, lastSeenAt: ago(5) }]);
    await testDb.db.update(practices).set({ settings: { ...practice.settings, sessionIdleMinutes: 15 } }).where(eq(practices.id, practice.id));

    signInAs(idle, freshIp(), { sat: seconds(ago(40)), idl: 60 });
    expect(await getActor()).toBeNull();
    await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await seenAt(idle.id)).getTime()).toBeLessThan(ago(29).getTime()); // a refused request is not activity

    signInAs(busy, freshIp(), { sat: seconds(ago(40)), idl: 60 });
    expect(await getActor()).toMatchObject({ userId: busy.id });
    expect((await seenAt(busy.id)).getTime()).toBeGreaterThan(ago(1).getTime());

    // Signing in again starts the clock afresh.
    signInAs(idle, freshIp());
    expect(await getActor()).toMatchObject({ userId: idle.id });
  });

  it('records activity at most once a minute', async () => {
    const practice = await createPractice();
    const user = await createStaff(practice.id);
    signInAs(user, freshIp());
    await getActor();
    const first = await seenAt(user.id);
    const setSeen = (at: Date) => testDb.db.update(userActivity).set({ lastSeenAt: at }).where(eq(userActivity.userId, user.id));
    await setSeen(new Date(first.getTime() - 30_000));
    await getActor();
    expect((await seenAt(user.id)).getTime()).toBe(first.getTime() - 30_000);
    await setSeen(new Date(first.getTime() - 61_000));
    await getActor();
    expect((await seenAt(user.id)).getTime()).toBeGreaterThanOrEqual(first.getTime() - 1000);
  });
});

describe('idle and absolute expiry (the JWT callback every session read goes through)', () => {
  const jwt = authConfig.callbacks.jwt as (args: { token: Record<string, unknown>; user?: unknown }) => Record<string, unknown> | null;
  const T0 = Date.parse('2026-03-02T09:00:00Z');
  const at = (ms: number) => vi.setSystemTime(new Date(ms));
  const minutes = (n: number) => n * 60_000;
  const signIn = (idl: number): TokenClaims => ({ uid: '11111111-1111-4111-8111-111111111111', sid: '22222222-2222-4222-8222-222222222222', sv: 1, roles: ['physio'], sat: T0 / 1000, lsa: T0 / 1000, idl });

  it('copies the claims at sign-in, including the practice idle limit', () => {
    vi.useFakeTimers();
    at(T0);
    const token = jwt({ token: { sub: 'x' }, user: signIn(30) });
    expect(readClaims(token)).toMatchObject({ idl: 30, sat: T0 / 1000, lsa: T0 / 1000 });
  });

  it('activity keeps a session alive; a gap longer than the idle limit ends it', () => {
    vi.useFakeTimers();
    let token: Record<string, unknown> | null = { ...signIn(60) };
    for (let step = 1; step <= 5; step++) {
      at(T0 + minutes(55 * step)); // a request every 55 minutes
      token = jwt({ token: token! });
      expect(token, `request ${step}`).not.toBeNull();
      expect(token!.lsa).toBe((T0 + minutes(55 * step)) / 1000);
    }
    at(T0 + minutes(55 * 5 + 61)); // then 61 minutes of nothing
    expect(jwt({ token: token! })).toBeNull();
  });

  it('moves "last seen" at most once a minute: within it the token comes back as it was', () => {
    vi.useFakeTimers();
    const token = { ...signIn(60) };
    at(T0 + 59_000);
    expect(jwt({ token })).toBe(token);
    at(T0 + 60_000);
    const moved = jwt({ token });
    expect(moved).not.toBe(token);
    expect(moved!.lsa).toBe((T0 + 60_000) / 1000);
  });

  it('uses the practice own idle limit (15 minutes here)', () => {
    vi.useFakeTimers();
    at(T0 + minutes(14));
    expect(jwt({ token: { ...signIn(15) } })).not.toBeNull();
    at(T0 + minutes(16));
    expect(jwt({ token: { ...signIn(15) } })).toBeNull();
  });

  it(`ends after ${ABSOLUTE_SESSION_HOURS} hours from sign-in however active the session is`, () => {
    vi.useFakeTimers();
    let token: Record<string, unknown> | null = { ...signIn(60) };
    for (let t = minutes(30); t <= ABSOLUTE_SESSION_HOURS * 60 * 60_000; t += minutes(30)) {
      at(T0 + t);
      token = jwt({ token: token! });
      expect(token).not.toBeNull();
    }
    at(T0 + ABSOLUTE_SESSION_HOURS * 3_600_000 + 1000);
    expect(jwt({ token: token! })).toBeNull();
    expect(sessionState({ sat: T0 / 1000, lsa: (T0 + ABSOLUTE_SESSION_HOURS * 3_600_000) / 1000, idl: 60 }, T0 / 1000 + ABSOLUTE_SESSION_HOURS * 3600 + 1)).toBe('expired');
  });

  it('refuses a token without the session clock (issued before idle expiry existed) or with forged types', () => {
    expect(jwt({ token: { uid: '11111111-1111-4111-8111-111111111111', sv: 1, roles: ['physio'], sat: Math.floor(Date.now() / 1000) } })).toBeNull();
    expect(jwt({ token: { ...signIn(60), idl: 0 } })).toBeNull();
    // Without a session id (issued before sign-out revoked sessions): signed out.
    const { sid: _sid, ...withoutSession } = signIn(60);
    expect(jwt({ token: withoutSession })).toBeNull();
    expect(jwt({ token: { ...signIn(60), roles: ['root'] } })).toBeNull();
  });

  it('sign-in hands the practice idle setting to the session', async () => {
    const practice = await createPractice();
    await testDb.db.update(practices).set({ settings: { ...practice.settings, sessionIdleMinutes: 15 } }).where(eq(practices.id, practice.id));
    const user = await createStaff(practice.id);
    const result = await verifyCredentials(testDb.db, { email: user.email, password: TEST_PASSWORD }, { ip: freshIp(), userAgent: null });
    expect(result).toMatchObject({ ok: true, user: { idleMinutes: 15 } });
  });
});
