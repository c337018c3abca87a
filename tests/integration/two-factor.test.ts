// Two-factor sign-in: enrolment (TOTP secret stored encrypted, confirmed by a code, ten
// recovery codes shown once), sign-in asking for the code before any session exists, each
// code and recovery code accepted once, wrong codes throttled like wrong passwords, an
// admin's audited reset, the practice setting that sends unenrolled staff to enrolment.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, practices, userSessions, users } from '@/db/schema';
import { resetTwoFactorAction } from '@/lib/actions/admin/reset-two-factor';
import { updatePracticeSettingsAction } from '@/lib/actions/admin/update-practice-settings';
import { confirmTwoFactorAction, startTwoFactorAction } from '@/lib/actions/auth/two-factor';
import { getActor, requireActor } from '@/lib/auth/require-actor';
import { THROTTLE } from '@/lib/auth/throttle';
import { currentCode, twoFactorStatus } from '@/lib/auth/two-factor';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { createPatientAccount, createPractice, createStaff, TEST_PASSWORD } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();
beforeEach(() => signOut());

let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;
const signIn = (email: string, code?: string, ip = freshIp()) => verifyCredentials(testDb.db, { email, password: TEST_PASSWORD, ...(code === undefined ? {} : { code }) }, { ip, userAgent: 'vitest' });
const sessionsOf = async (userId: string) => (await testDb.db.select().from(userSessions).where(eq(userSessions.userId, userId))).length;
/** A code for the next time step: the one used at enrolment is never accepted again. */
const nextCode = (secret: string) => currentCode(secret, Date.now() + 30_000);

type Account = { id: string; email: string; practiceId: string; sessionVersion: number; roles: ('physio' | 'admin' | 'patient')[] };

/** Enrols the account through the actions, as its set-up page does; returns the secret and recovery codes. */
async function enrol(user: Account): Promise<{ secret: string; recoveryCodes: string[] }> {
  signInAs(user);
  expect(await startTwoFactorAction()).toEqual({ ok: true, data: null });
  const secret = (await twoFactorStatus(testDb.db, { userId: user.id, practiceId: user.practiceId })).pendingSecret!;
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const confirmed = await confirmTwoFactorAction(null, formData({ code: currentCode(secret) }));
  if (!confirmed.ok) throw new Error(confirmed.message);
  signOut();
  return { secret, recoveryCodes: confirmed.data.recoveryCodes };
}

describe('enrolment', () => {
  it('stores the secret encrypted, needs a right code to turn on, and hands out ten recovery codes once', async () => {
    const practice = await createPractice();
    const physio = await createStaff(practice.id);
    signInAs(physio);
    expect((await startTwoFactorAction()).ok).toBe(true);
    const { pendingSecret } = await twoFactorStatus(testDb.db, { userId: physio.id, practiceId: practice.id });
    const [stored] = await testDb.db.select().from(users).where(eq(users.id, physio.id));
    expect(stored!.totpSecret).toMatch(/^v1\./);
    expect(stored!.totpSecret).not.toContain(pendingSecret!);
    expect(stored!.totpEnabledAt).toBeNull();
    // Until confirmed, sign-in does not ask for a code.
    expect((await signIn(physio.email)).ok).toBe(true);

    const wrong = await confirmTwoFactorAction(null, formData({ code: currentCode(pendingSecret!) === '000000' ? '111111' : '000000' }));
    expect(wrong).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { code: ['That code does not match'] } });
    expect(await confirmTwoFactorAction(null, formData({ code: 'abc' }))).toMatchObject({ ok: false, code: 'invalid' });

    const ok = await confirmTwoFactorAction(null, formData({ code: currentCode(pendingSecret!) }));
    expect(ok.ok).toBe(true);
    const codes = ok.ok ? ok.data.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await twoFactorStatus(testDb.db, { userId: physio.id, practiceId: practice.id })).toEqual({ enabled: true, pendingSecret: null, recoveryCodesLeft: 10 });
    // Once on, the secret cannot be replaced from the account itself (a stolen session could otherwise).
    expect(await startTwoFactorAction()).toMatchObject({ ok: false, code: 'conflict' });
    expect(await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.two_factor_enable'), eq(auditEvents.entityId, physio.id)))).toHaveLength(1);
  });

  it('patients may opt in', async () => {
    const practice = await createPractice();
    const { user: patient } = await createPatientAccount(practice.id);
    const { secret } = await enrol(patient);
    expect(await signIn(patient.email)).toEqual({ ok: false, reason: 'two_factor_required' });
    expect((await signIn(patient.email, nextCode(secret))).ok).toBe(true);
  });
});

describe('sign-in with two-factor', () => {
  it('asks for the code before any session exists; a right code signs in; a code is accepted once', async () => {
    const practice = await createPractice();
    const physio = await createStaff(practice.id);
    const { secret } = await enrol(physio);
    const before = await sessionsOf(physio.id);
    expect(await signIn(physio.email)).toEqual({ ok: false, reason: 'two_factor_required' });
    expect(await signIn(physio.email, '')).toEqual({ ok: false, reason: 'two_factor_required' });
    // The code used at enrolment (same time step) is not accepted again.
    expect(await signIn(physio.email, currentCode(secret))).toEqual({ ok: false, reason: 'two_factor_invalid' });
    expect(await sessionsOf(physio.id)).toBe(before);
    const code = nextCode(secret);
    const result = await signIn(physio.email, code);
    expect(result).toMatchObject({ ok: true, user: { id: physio.id } });
    expect(await signIn(physio.email, code)).toEqual({ ok: false, reason: 'two_factor_invalid' });
    // A wrong password with a right code is the same neutral refusal as ever.
    expect(await verifyCredentials(testDb.db, { email: physio.email, password: 'wrong', code: nextCode(secret) }, { ip: freshIp(), userAgent: null })).toEqual({ ok: false, reason: 'invalid' });
    const success = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'sign_in.success'), eq(auditEvents.entityId, physio.id)));
    expect(success.at(-1)?.meta).toEqual({ factor: 'totp' });
  });

  it('a recovery code works once (any case, with or without the dash)', async () => {
    const practice = await createPractice();
    const physio = await createStaff(practice.id);
    const { recoveryCodes } = await enrol(physio);
    const [first, second] = recoveryCodes as [string, string];
    expect((await signIn(physio.email, first)).ok).toBe(true);
    expect(await signIn(physio.email, first)).toEqual({ ok: false, reason: 'two_factor_invalid' });
    expect((await signIn(physio.email, second.replace('-', '').toUpperCase())).ok).toBe(true);
    expect((await twoFactorStatus(testDb.db, { userId: physio.id, practiceId: practice.id })).recoveryCodesLeft).toBe(8);
  });

  it(`wrong codes are throttled like passwords: after ${THROTTLE.maxFailuresPerAccount} even the right code is refused`, async () => {
    const practice = await createPractice();
    const physio = await createStaff(practice.id);
    const { secret } = await enrol(physio);
    const right = nextCode(secret);
    const wrong = right === '123456' ? '654321' : '123456';
    for (let i = 0; i < THROTTLE.maxFailuresPerAccount; i++) expect(await signIn(physio.email, wrong)).toEqual({ ok: false, reason: 'two_factor_invalid' });
    expect(await signIn(physio.email, right)).toEqual({ ok: false, reason: 'throttled' });
    const failures = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'sign_in.failure'), eq(auditEvents.entityId, physio.id)));
    expect(failures).toHaveLength(THROTTLE.maxFailuresPerAccount);
    expect(failures[0]!.meta).toMatchObject({ step: 'two_factor' });
  });
});

describe("an admin resets a member's second factor", () => {
  it('audited; the member signs in with the password alone again; physios and other practices cannot', async () => {
    const practice = await createPractice();
    const admin = await createStaff(practice.id, ['admin']);
    const physio = await createStaff(practice.id);
    await enrol(physio);
    const other = await createPractice();
    const foreignAdmin = await createStaff(other.id, ['admin']);

    signInAs(physio);
    expect(await resetTwoFactorAction(null, formData({ userId: physio.id }))).toMatchObject({ ok: false, code: 'forbidden' });
    signInAs(foreignAdmin);
    expect(await resetTwoFactorAction(null, formData({ userId: physio.id }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await signIn(physio.email)).toEqual({ ok: false, reason: 'two_factor_required' });

    signInAs(admin);
    expect(await resetTwoFactorAction(null, formData({ userId: physio.id }))).toEqual({ ok: true, data: { reset: true } });
    expect((await signIn(physio.email)).ok).toBe(true);
    expect(await twoFactorStatus(testDb.db, { userId: physio.id, practiceId: practice.id })).toEqual({ enabled: false, pendingSecret: null, recoveryCodesLeft: 0 });
    const events = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.two_factor_reset'), eq(auditEvents.entityId, physio.id)));
    expect(events).toMatchObject([{ actorUserId: admin.id, meta: { wasEnabled: true } }]);
  });
});

describe('a practice that requires two-factor for staff', () => {
  const settingsForm = { name: 'Two-factor practice', timeZone: 'Europe/London', distanceUnit: 'km', painWorseMinPoints: '2', acwrSpike: '1.5', weeklyDistanceRedPct: '30', adherenceLowPct: '50', inactivityDays: '14', sessionIdleMinutes: '60' };

  it('the admin setting saves (hidden "false" plus the ticked box), and leaving it out keeps it', async () => {
    const practice = await createPractice();
    const admin = await createStaff(practice.id, ['admin']);
    signInAs(admin);
    expect(await updatePracticeSettingsAction(null, formData({ ...settingsForm, requireStaffTwoFactor: ['false', 'true'] }))).toMatchObject({ ok: true });
    const saved = async () => (await testDb.db.select().from(practices).where(eq(practices.id, practice.id)))[0]!.settings.requireStaffTwoFactor;
    expect(await saved()).toBe(true);
    // The admin, not enrolled, is now sent to enrolment: settings are out of reach until then.
    expect(await updatePracticeSettingsAction(null, formData({ ...settingsForm, requireStaffTwoFactor: 'false' }))).toMatchObject({ ok: false, code: 'forbidden' });
    const { secret } = await enrol(admin);
    const again = await signIn(admin.email, nextCode(secret));
    signInAs({ ...admin, ...(again.ok ? again.user : {}) });
    expect(await updatePracticeSettingsAction(null, formData(settingsForm))).toMatchObject({ ok: true });
    expect(await saved()).toBe(true);
    expect(await updatePracticeSettingsAction(null, formData({ ...settingsForm, requireStaffTwoFactor: 'false' }))).toMatchObject({ ok: true });
    expect(await saved()).toBe(false);
  });

  it('an unenrolled physio may only enrol (everything else is refused); patients are not affected', async () => {
    const practice = await createPractice();
    await testDb.db.update(practices).set({ settings: { ...practice.settings, requireStaffTwoFactor: true } }).where(eq(practices.id, practice.id));
    const physio = await createStaff(practice.id);
    const { user: patient } = await createPatientAccount(practice.id);
    // Sign-in itself works (there is no second factor to ask for yet)...
    const signedIn = await signIn(physio.email);
    expect(signedIn.ok).toBe(true);
    signInAs({ ...physio, ...(signedIn.ok ? signedIn.user : {}) });
    // ...but the session is good for enrolment only.
    expect(await getActor()).toMatchObject({ twoFactorSetupRequired: true });
    await expect(requireActor()).rejects.toMatchObject({ code: 'forbidden' });
    expect(await requireActor({ twoFactorSetup: true })).toMatchObject({ userId: physio.id });
    signInAs(patient);
    expect(await requireActor()).toMatchObject({ userId: patient.id, twoFactorSetupRequired: false });
    await enrol(physio);
    signInAs(physio);
    expect(await requireActor()).toMatchObject({ userId: physio.id, twoFactorSetupRequired: false });
  });
});
