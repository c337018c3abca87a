import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { accessTokens, auditEvents, users } from '@/db/schema';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { issuePasswordResetAction } from '@/lib/actions/admin/issue-password-reset';
import { resendInviteAction } from '@/lib/actions/admin/resend-invite';
import { setUserStatusAction } from '@/lib/actions/admin/set-user-status';
import { invitePatientAction } from '@/lib/actions/invites/invite-patient';
import { setPasswordAction } from '@/lib/actions/invites/set-password';
import { getActor, requireActor } from '@/lib/auth/require-actor';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { acceptToken, describeToken, hashToken } from '@/lib/data/invites';
import { listUsers } from '@/lib/data/users';
import { env } from '@/lib/env';
import { fallbackOrigin } from '@/lib/http/app-origin';
import { passwordProblems } from '@/lib/validation/password';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();
beforeEach(() => signOut());

const GOOD = 'a long and quiet river';
let ipCounter = 0;
const tokenOf = (url: string | null) => {
  if (!url) throw new Error('no link in the answer'); // only an emailed invitation has none
  return url.split('/').pop()!;
};
const userByEmail = async (email: string) => (await testDb.db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())))[0];
const userRow = async (id: string) => (await testDb.db.select().from(users).where(eq(users.id, id)))[0]!;
const setPassword = (token: string, password = GOOD, confirm = password) => setPasswordAction(null, formData({ token, password, confirm }));
const signInWith = (email: string, password: string) => verifyCredentials(testDb.db, { email, password }, { ip: `192.0.2.${++ipCounter}`, userAgent: 'vitest' });

async function invite(admin: { id: string; sessionVersion: number; roles: ('physio' | 'admin' | 'patient')[] }, values: Record<string, string | string[]>) {
  signInAs(admin);
  const result = await inviteStaffAction(null, formData(values));
  if (!result.ok) throw new Error(`invite failed: ${result.message} ${JSON.stringify(result.fieldErrors)}`);
  return result.data;
}

describe('inviting staff', () => {
  it('creates an invited account and a one-time link stored only as a SHA-256 hash', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const link = await invite(admin, { email: 'New.Physio@Example.com', name: 'New Physio', roles: ['physio', 'admin'] });
    expect(link.emailed).toBe(false); // no SMTP_URL in tests: the link is returned to show, nothing pretends to send
    expect(link.url).toMatch(new RegExp(`^${fallbackOrigin(env().APP_URL, process.env.PORT)}/invite/[A-Za-z0-9_-]{43}$`));
    const user = await userByEmail('new.physio@example.com');
    expect(user).toMatchObject({ practiceId: p.id, status: 'invited', passwordHash: null, name: 'New Physio' });
    expect(user?.roles.sort()).toEqual(['admin', 'physio']);
    const token = tokenOf(link.url);
    const rows = await testDb.db.select().from(accessTokens).where(eq(accessTokens.userId, user!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: 'invite', tokenHash: createHash('sha256').update(token).digest('hex'), usedAt: null, createdBy: admin.id });
    expect(JSON.stringify(rows)).not.toContain(token);
    const days = (rows[0]!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const [event] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.invite'), eq(auditEvents.entityId, user!.id)));
    expect(event).toMatchObject({ actorUserId: admin.id, practiceId: p.id, ip: '203.0.113.7' });
    expect(JSON.stringify(event?.meta)).not.toContain(token);
  });

  it('the invited person sets a password once; the account becomes active and can sign in', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const { url } = await invite(admin, { email: 'joiner@example.com', name: 'Jo Iner', roles: 'physio' });
    const token = tokenOf(url);
    expect(await describeToken(token, 'invite')).toMatchObject({ state: 'valid', email: 'joiner@example.com', name: 'Jo Iner', practiceName: p.name });
    const [listed] = (await listUsers(await actorFor(admin), { search: 'joiner@' })).rows;
    expect(listed?.inviteExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await describeToken(token, 'reset')).toEqual({ state: 'invalid' });
    signOut(); // no session needed: the token is the proof
    expect(await setPassword(token)).toEqual({ ok: true, data: { purpose: 'invite', email: 'joiner@example.com' } });
    const user = await userByEmail('joiner@example.com');
    expect(user?.status).toBe('active');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await signInWith('joiner@example.com', GOOD)).ok).toBe(true);
    const [accepted] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.invite_accept'), eq(auditEvents.entityId, user!.id)));
    expect(accepted).toMatchObject({ actorUserId: user!.id, practiceId: p.id });
    // Single use: the same link cannot set another password.
    expect(await setPassword(token, 'another quiet long river')).toMatchObject({ ok: false, message: expect.stringContaining('already been used') });
    expect(await describeToken(token, 'invite')).toEqual({ state: 'used' });
    expect((await signInWith('joiner@example.com', GOOD)).ok).toBe(true);
  });

  it('an expired link is refused and the account stays invited', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const { url } = await invite(admin, { email: 'late@example.com', name: 'Late Comer', roles: 'physio' });
    const token = tokenOf(url);
    await testDb.db.update(accessTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accessTokens.tokenHash, hashToken(token)));
    expect(await describeToken(token, 'invite')).toEqual({ state: 'expired' });
    expect(await setPassword(token)).toMatchObject({ ok: false, message: expect.stringContaining('expired') });
    expect((await userByEmail('late@example.com'))?.status).toBe('invited');
    // The accounts table tells the admin the link has run out.
    const [row] = (await listUsers(await actorFor(admin), { search: 'late@example.com' })).rows;
    expect(row).toMatchObject({ status: 'invited', inviteExpiresAt: null });
  });

  it('an unknown or malformed token is not found', async () => {
    expect(await setPassword('x'.repeat(43))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await setPassword('../../etc')).toMatchObject({ ok: false, fieldErrors: { token: ['This link is not valid'] } });
    await expect(acceptToken('y'.repeat(43), GOOD)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('inviting again (or resending) gives a fresh link and the older one stops working', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const first = await invite(admin, { email: 'twice@example.com', name: 'Twice', roles: 'physio' });
    const second = await invite(admin, { email: 'twice@example.com', name: 'Twice Renamed', roles: 'admin' });
    const user = await userByEmail('twice@example.com');
    expect(user).toMatchObject({ name: 'Twice Renamed', roles: ['admin'] });
    expect(await describeToken(tokenOf(first.url), 'invite')).toEqual({ state: 'expired' });
    signInAs(admin);
    const third = await resendInviteAction(null, formData({ userId: user!.id }));
    expect(third.ok).toBe(true);
    if (!third.ok) return;
    expect(await describeToken(tokenOf(second.url), 'invite')).toEqual({ state: 'expired' });
    expect(await setPassword(tokenOf(second.url))).toMatchObject({ ok: false });
    expect(await setPassword(tokenOf(third.data.url))).toMatchObject({ ok: true });
  });

  it('says when the email is already used here; for another practice account it names no account and creates nothing', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const admin = await createStaff(a.id, ['admin']);
    const colleague = await createStaff(a.id, ['physio']);
    const { user: patientLogin } = await createPatientAccount(a.id);
    const elsewhere = await createStaff(b.id, ['physio']);
    signInAs(admin);
    const here = await inviteStaffAction(null, formData({ email: colleague.email, name: 'Dup', roles: 'physio' }));
    expect(here).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining('already has an account here')] } });
    const patientHere = await inviteStaffAction(null, formData({ email: patientLogin.email, name: 'Dup', roles: 'physio' }));
    expect(patientHere).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining('patient of this practice')] } });
    // Without a mail server nobody can be told and no link can be made: the answer says only that.
    const there = await inviteStaffAction(null, formData({ email: elsewhere.email.toUpperCase(), name: 'Dup', roles: 'physio' }));
    expect(there).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { email: [expect.stringContaining('only by email')] } });
    if (!there.ok) expect(JSON.stringify(there)).not.toMatch(/another account|already/i);
    expect(await userRow(elsewhere.id)).toEqual(elsewhere);
    expect(await testDb.db.select().from(users).where(eq(users.practiceId, a.id))).toHaveLength(3);
  });

  it('reports every bad field at once, and a patient role cannot be invited as staff', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await inviteStaffAction(null, formData({ email: 'not-an-email', name: '', roles: 'patient' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(['email', 'name', 'roles.0']);
  });

  it('only admins invite staff', async () => {
    const p = await createPractice();
    const physio = await createStaff(p.id, ['physio']);
    signInAs(physio);
    expect(await inviteStaffAction(null, formData({ email: 'x@example.com', name: 'X Y', roles: 'admin' }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await userByEmail('x@example.com')).toBeUndefined();
  });
});

describe('the password policy', () => {
  it('states and enforces length, not the email, not a common password', () => {
    expect(passwordProblems('short', 'sam@x.example')).toEqual(['Use at least 12 characters']);
    expect(passwordProblems('x'.repeat(201), 'sam@x.example')).toContain('Use at most 200 characters');
    expect(passwordProblems('my name is samantha!', 'samantha@x.example')).toEqual(['Do not use your email address in the password']);
    expect(passwordProblems('Password1234', 'sam@x.example')).toEqual(['This password is too common: choose something harder to guess']);
    expect(passwordProblems('qwertyuiop123!', 'sam@x.example')).toEqual(['This password is too common: choose something harder to guess']);
    expect(passwordProblems('aaaaaaaaaaaaaa', 'sam@x.example')).toContain('This password is too common: choose something harder to guess');
    expect(passwordProblems(GOOD, 'sam@x.example')).toEqual([]);
  });

  it('is checked when the link is used, next to the field, and nothing is used up', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const { url } = await invite(admin, { email: 'policy.person@example.com', name: 'Policy Person', roles: 'physio' });
    const token = tokenOf(url);
    expect(await setPassword(token, 'policy.person rocks')).toMatchObject({ ok: false, fieldErrors: { password: ['Do not use your email address in the password'] } });
    expect(await setPassword(token, 'password1234')).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining('too common')] } });
    expect(await setPassword(token, 'short')).toMatchObject({ ok: false, fieldErrors: { password: ['Use at least 12 characters'] } });
    expect(await setPassword(token, GOOD, 'something else entirely')).toMatchObject({ ok: false, fieldErrors: { confirm: ['The two passwords do not match'] } });
    expect(await describeToken(token, 'invite')).toMatchObject({ state: 'valid' });
    expect(await setPassword(token)).toMatchObject({ ok: true });
  });
});

describe('inviting a patient to the portal', () => {
  it('a physio invites a patient of the practice; the record email becomes the login', async () => {
    const p = await createPractice();
    const physio = await createStaff(p.id, ['physio']);
    const patient = await createPatient(p.id, { firstName: 'Rita', lastName: 'Runner', email: 'Rita.Runner@Example.com' });
    signInAs(physio);
    const result = await invitePatientAction(null, formData({ patientId: patient.id }));
    expect(result).toMatchObject({ ok: true, data: { emailed: false, url: expect.stringContaining('/invite/') } });
    const user = await userByEmail('rita.runner@example.com');
    expect(user).toMatchObject({ practiceId: p.id, roles: ['patient'], patientId: patient.id, status: 'invited', name: 'Rita Runner' });
    const [event] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.invite'), eq(auditEvents.patientId, patient.id)));
    expect(event).toMatchObject({ actorUserId: physio.id, entityId: user!.id });
    if (!result.ok) return;
    // Inviting again issues a fresh link and invalidates the older unused one.
    const again = await invitePatientAction(null, formData({ patientId: patient.id }));
    expect(again.ok).toBe(true);
    expect(await setPassword(tokenOf(result.data.url))).toMatchObject({ ok: false });
    if (again.ok) expect(await setPassword(tokenOf(again.data.url))).toMatchObject({ ok: true, data: { email: 'rita.runner@example.com' } });
    const active = await userByEmail('rita.runner@example.com');
    signInAs(active!);
    expect((await requireActor()).patientId).toBe(patient.id);
    // Once active, another invitation is refused (a reset is the way).
    signInAs(physio);
    expect(await invitePatientAction(null, formData({ patientId: patient.id }))).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('already has portal access') });
  });

  it('needs an email on the record, and refuses another practice patient as not found', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const admin = await createStaff(a.id, ['admin']);
    const noEmail = await createPatient(a.id, { email: null });
    const foreign = await createPatient(b.id, { email: 'foreign@example.com' });
    signInAs(admin);
    expect(await invitePatientAction(null, formData({ patientId: noEmail.id }))).toMatchObject({ ok: false, fieldErrors: { patientId: [expect.stringContaining('Add an email address')] } });
    expect(await invitePatientAction(null, formData({ patientId: foreign.id }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await userByEmail('foreign@example.com')).toBeUndefined();
  });

  it('a patient whose email is another practice login: no login created, no account named', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const physio = await createStaff(a.id, ['physio']);
    const elsewhere = await createStaff(b.id, ['physio']);
    const patient = await createPatient(a.id, { email: elsewhere.email, treatingPhysioId: physio.id });
    signInAs(physio);
    const result = await invitePatientAction(null, formData({ patientId: patient.id }));
    expect(result).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { patientId: [expect.stringContaining('only by email')] } });
    expect(JSON.stringify(result)).not.toMatch(/another account|already/i);
    expect(await testDb.db.select().from(users).where(eq(users.patientId, patient.id))).toHaveLength(0);
    expect(await userRow(elsewhere.id)).toEqual(elsewhere);
  });

  it('a patient account cannot invite anyone', async () => {
    const p = await createPractice();
    const { user } = await createPatientAccount(p.id);
    const other = await createPatient(p.id, { email: 'other@example.com' });
    signInAs(user);
    expect(await invitePatientAction(null, formData({ patientId: other.id }))).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('password reset links', () => {
  it('using the link sets the password and ends every open session of the account', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const physio = await createStaff(p.id, ['physio']);
    signInAs(physio);
    expect(await getActor()).not.toBeNull();
    signInAs(admin);
    const result = await issuePasswordResetAction(null, formData({ userId: physio.id }));
    expect(result).toMatchObject({ ok: true, data: { emailed: false, url: expect.stringContaining('/reset/') } });
    if (!result.ok) return;
    // Issuing alone changes nothing: the physio keeps working until the link is used.
    signInAs(physio);
    expect(await getActor()).not.toBeNull();
    expect(await describeToken(tokenOf(result.data.url), 'reset')).toMatchObject({ state: 'valid', email: physio.email });
    expect(await setPassword(tokenOf(result.data.url))).toEqual({ ok: true, data: { purpose: 'reset', email: physio.email } });
    await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await signInWith(physio.email, GOOD)).ok).toBe(true);
    const row = await userRow(physio.id);
    expect(row).toMatchObject({ status: 'active', sessionVersion: physio.sessionVersion + 1 });
    const events = await testDb.db.select().from(auditEvents).where(eq(auditEvents.entityId, physio.id));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['user.reset_issue', 'user.password_reset']));
  });

  it('is refused for invited and deactivated accounts, and deactivation kills a pending link', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const invited = await createStaff(p.id, ['physio'], { status: 'invited', passwordHash: null });
    const physio = await createStaff(p.id, ['physio']);
    signInAs(admin);
    expect(await issuePasswordResetAction(null, formData({ userId: invited.id }))).toMatchObject({ ok: false, message: expect.stringContaining('send a new invitation') });
    const link = await issuePasswordResetAction(null, formData({ userId: physio.id }));
    expect(link.ok).toBe(true);
    expect((await setUserStatusAction(null, formData({ userId: physio.id, status: 'deactivated' }))).ok).toBe(true);
    if (link.ok) expect(await setPassword(tokenOf(link.data.url))).toMatchObject({ ok: false });
    expect(await issuePasswordResetAction(null, formData({ userId: physio.id }))).toMatchObject({ ok: false, message: expect.stringContaining('reactivate it first') });
    expect((await userRow(physio.id)).status).toBe('deactivated');
  });

  it('another practice account is not found; a physio may reset only their own patients\' accounts', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const admin = await createStaff(a.id, ['admin']);
    const physio = await createStaff(a.id, ['physio']);
    const colleague = await createStaff(a.id, ['physio']);
    const { user: patientUser } = await createPatientAccount(a.id, { treatingPhysioId: physio.id });
    const foreign = await createStaff(b.id, ['physio']);
    signInAs(admin);
    expect(await issuePasswordResetAction(null, formData({ userId: foreign.id }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await testDb.db.select().from(accessTokens).where(eq(accessTokens.userId, foreign.id))).toHaveLength(0);
    signInAs(physio);
    expect(await issuePasswordResetAction(null, formData({ userId: colleague.id }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await issuePasswordResetAction(null, formData({ userId: patientUser.id }))).ok).toBe(true);
  });

  it('a patient reset link: the treating physio or an admin, not any physio of the practice', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const treating = await createStaff(p.id, ['physio']);
    const other = await createStaff(p.id, ['physio']);
    const { user: patientUser } = await createPatientAccount(p.id, { treatingPhysioId: treating.id });
    const { user: unassigned } = await createPatientAccount(p.id, { treatingPhysioId: null });
    const tokens = async (userId: string) => testDb.db.select().from(accessTokens).where(eq(accessTokens.userId, userId));
    signInAs(other);
    const refused = await issuePasswordResetAction(null, formData({ userId: patientUser.id }));
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('treating physio') });
    expect(await issuePasswordResetAction(null, formData({ userId: unassigned.id }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await tokens(patientUser.id)).toHaveLength(0);
    expect(await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.reset_issue'), eq(auditEvents.entityId, patientUser.id)))).toHaveLength(0);
    signInAs(treating);
    expect(await issuePasswordResetAction(null, formData({ userId: patientUser.id }))).toMatchObject({ ok: true, data: { url: expect.stringContaining('/reset/') } });
    signInAs(admin);
    expect(await issuePasswordResetAction(null, formData({ userId: patientUser.id }))).toMatchObject({ ok: true, data: { url: expect.stringContaining('/reset/') } });
    expect((await issuePasswordResetAction(null, formData({ userId: unassigned.id }))).ok).toBe(true);
    const events = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'user.reset_issue'), eq(auditEvents.entityId, patientUser.id)));
    expect(events.map((e) => e.actorUserId).sort()).toEqual([treating.id, admin.id].sort());
  });

  it('two simultaneous uses of one link: exactly one succeeds', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const { url } = await invite(admin, { email: 'racer@example.com', name: 'Race Condition', roles: 'physio' });
    const token = tokenOf(url);
    const results = await Promise.allSettled([acceptToken(token, GOOD), acceptToken(token, 'another long quiet river')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const accepted = await testDb.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.invite_accept'));
    expect(accepted.filter((e) => e.practiceId === p.id)).toHaveLength(1);
  });
});
