import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, patients, users } from '@/db/schema';
import { changeUserRolesAction } from '@/lib/actions/admin/change-user-roles';
import { reassignPatientsAction } from '@/lib/actions/admin/reassign-patients';
import { setUserStatusAction } from '@/lib/actions/admin/set-user-status';
import { getActor, requireActor } from '@/lib/auth/require-actor';
import { getUser, listUsers } from '@/lib/data/users';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { actorFor, createPatient, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();
beforeEach(() => signOut());

const userRow = async (id: string) => (await testDb.db.select().from(users).where(eq(users.id, id)))[0]!;
const eventsFor = (action: string, entityId: string) => testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

describe('the accounts table', () => {
  it('lists only the practice own accounts, with search, role and status filters and paging', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const admin = await createStaff(a.id, ['admin'], { name: 'Alice Admin' });
    const pete = await createStaff(a.id, ['physio'], { name: 'Pete Physio' });
    await createStaff(a.id, ['physio', 'admin'], { name: 'Olga Owner' });
    await createPatient(a.id, { treatingPhysioId: pete.id });
    await createPatient(a.id, { treatingPhysioId: pete.id, status: 'discharged' });
    await createStaff(a.id, ['physio'], { name: 'Gone Physio', status: 'deactivated' });
    await createPatientAccount(a.id, { firstName: 'Paula' });
    await createStaff(b.id, ['admin'], { name: 'Other Practice Admin' });
    const actor = await actorFor(admin);

    const all = await listUsers(actor);
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => r.name)).not.toContain('Other Practice Admin');
    expect(all.rows.find((r) => r.name === 'Pete Physio')?.activePatients).toBe(1);
    expect((await listUsers(actor, { role: 'physio' })).rows.map((r) => r.name).sort()).toEqual(['Gone Physio', 'Olga Owner', 'Pete Physio']);
    expect((await listUsers(actor, { role: 'staff' })).total).toBe(4);
    expect((await listUsers(actor, { role: 'patient' })).total).toBe(1);
    expect((await listUsers(actor, { status: 'deactivated' })).rows.map((r) => r.name)).toEqual(['Gone Physio']);
    expect((await listUsers(actor, { search: 'olga' })).rows.map((r) => r.name)).toEqual(['Olga Owner']);
    expect((await listUsers(actor, { search: '100%_' })).total).toBe(0);
    const page2 = await listUsers(actor, { pageSize: 2, page: 2 });
    expect(page2.rows).toHaveLength(2);
    expect(page2.total).toBe(5);
  });

  it('is for admins only, and another practice account is not found', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const physio = await actorFor(await createStaff(a.id, ['physio']));
    const admin = await actorFor(await createStaff(a.id, ['admin']));
    const foreign = await createStaff(b.id, ['physio']);
    await expect(listUsers(physio)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getUser(admin, foreign.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('deactivate and reactivate', () => {
  it('refuses the deactivated account open session on its very next request, and audits it', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const physio = await createStaff(p.id, ['physio']);
    signInAs(physio);
    expect((await requireActor()).userId).toBe(physio.id);

    signInAs(admin);
    const result = await setUserStatusAction(null, formData({ userId: physio.id, status: 'deactivated' }));
    expect(result).toEqual({ ok: true, data: { status: 'deactivated' } });

    signInAs(physio); // the physio's browser still sends its old session
    await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await userRow(physio.id)).toMatchObject({ status: 'deactivated', sessionVersion: physio.sessionVersion + 1 });
    expect(await eventsFor('user.deactivate', physio.id)).toHaveLength(1);

    signInAs(admin);
    expect(await setUserStatusAction(null, formData({ userId: physio.id, status: 'active' }))).toEqual({ ok: true, data: { status: 'active' } });
    signInAs(physio); // the old session stays dead: a new sign-in is needed
    expect(await getActor()).toBeNull();
    const fresh = await userRow(physio.id);
    signInAs(fresh);
    expect((await requireActor()).userId).toBe(physio.id);
    expect(await eventsFor('user.reactivate', physio.id)).toHaveLength(1);
  });

  it('reactivating an account that never set a password puts it back to invited', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const invited = await createStaff(p.id, ['physio'], { status: 'deactivated', passwordHash: null });
    signInAs(admin);
    expect(await setUserStatusAction(null, formData({ userId: invited.id, status: 'active' }))).toEqual({ ok: true, data: { status: 'invited' } });
  });

  it('an admin cannot deactivate themselves (so the last active admin can never be deactivated)', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const owner = await createStaff(p.id, ['physio', 'admin']);
    signInAs(admin);
    const self = await setUserStatusAction(null, formData({ userId: admin.id, status: 'deactivated' }));
    expect(self).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('your own account') });
    // With two admins, one may deactivate the other; the one left is then the last admin.
    expect((await setUserStatusAction(null, formData({ userId: owner.id, status: 'deactivated' }))).ok).toBe(true);
    expect(await setUserStatusAction(null, formData({ userId: admin.id, status: 'deactivated' }))).toMatchObject({ ok: false, code: 'invalid' });
    expect((await userRow(admin.id)).status).toBe('active');
  });

  it('a physio cannot use the action, and another practice account is not found and unchanged', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const physio = await createStaff(a.id, ['physio']);
    const admin = await createStaff(a.id, ['admin']);
    const foreign = await createStaff(b.id, ['physio']);
    signInAs(physio);
    expect(await setUserStatusAction(null, formData({ userId: admin.id, status: 'deactivated' }))).toMatchObject({ ok: false, code: 'forbidden' });
    signInAs(admin);
    expect(await setUserStatusAction(null, formData({ userId: foreign.id, status: 'deactivated' }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await userRow(foreign.id)).toMatchObject({ status: 'active', sessionVersion: foreign.sessionVersion });
    expect(await userRow(admin.id)).toMatchObject({ status: 'active' });
  });

  it('rejects a malformed request with field errors and changes nothing', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await setUserStatusAction(null, formData({ userId: 'nope', status: 'gone' }));
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(['status', 'userId']);
  });
});

describe('change roles', () => {
  it('takes effect on the account next request (session version bump) and audits before/after', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const physio = await createStaff(p.id, ['physio']);
    signInAs(physio);
    expect((await requireActor()).roles).toEqual(['physio']);
    signInAs(admin);
    expect(await changeUserRolesAction(null, formData({ userId: physio.id, roles: ['physio', 'admin'] }))).toEqual({ ok: true, data: { roles: ['admin', 'physio'] } });
    signInAs(physio);
    await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });
    signInAs(await userRow(physio.id));
    expect((await requireActor()).roles.sort()).toEqual(['admin', 'physio']);
    const [event] = await eventsFor('user.roles_change', physio.id);
    expect(event?.meta).toEqual({ before: ['physio'], after: ['admin', 'physio'] });
    expect(event?.actorUserId).toBe(admin.id);
  });

  it('needs at least one staff role and never changes a patient account', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const { user: patientUser } = await createPatientAccount(p.id);
    signInAs(admin);
    const none = await changeUserRolesAction(null, formData({ userId: admin.id }));
    expect(none).toMatchObject({ ok: false, fieldErrors: { roles: ['Choose at least one role'] } });
    const patientRole = await changeUserRolesAction(null, formData({ userId: patientUser.id, roles: ['physio'] }));
    expect(patientRole).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('only ever a patient') });
    const sneaky = await changeUserRolesAction(null, formData({ userId: admin.id, roles: ['patient'] }));
    expect(sneaky).toMatchObject({ ok: false, code: 'invalid' });
    expect((await userRow(patientUser.id)).roles).toEqual(['patient']);
  });

  it('an admin cannot demote themselves into a practice with no admin, nor demote the last admin', async () => {
    const p = await createPractice();
    const owner = await createStaff(p.id, ['physio', 'admin']);
    await createStaff(p.id, ['admin'], { status: 'deactivated' }); // a deactivated admin does not count
    signInAs(owner);
    const result = await changeUserRolesAction(null, formData({ userId: owner.id, roles: ['physio'] }));
    expect(result).toMatchObject({ ok: false, code: 'invalid', message: 'You are the only active admin of this practice: make someone else an admin first.' });
    expect((await userRow(owner.id)).roles.sort()).toEqual(['admin', 'physio']);

    // Once someone else is an admin, the owner may step down (and their own session ends).
    const manager = await createStaff(p.id, ['physio']);
    expect((await changeUserRolesAction(null, formData({ userId: manager.id, roles: ['admin'] }))).ok).toBe(true);
    expect(await changeUserRolesAction(null, formData({ userId: owner.id, roles: ['physio'] }))).toEqual({ ok: true, data: { roles: ['physio'] } });
    await expect(requireActor()).rejects.toMatchObject({ code: 'unauthenticated' });

    // Now the manager is the last admin: nobody can take that away, nor deactivate them.
    signInAs(await userRow(manager.id));
    expect(await changeUserRolesAction(null, formData({ userId: manager.id, roles: ['physio'] }))).toMatchObject({ ok: false, code: 'invalid' });
    expect((await userRow(manager.id)).roles).toEqual(['admin']);
  });

  it('after one admin deactivates the other, the remaining admin cannot step down', async () => {
    const p = await createPractice();
    const a1 = await createStaff(p.id, ['admin']);
    const a2 = await createStaff(p.id, ['admin']);
    signInAs(a1);
    expect((await setUserStatusAction(null, formData({ userId: a2.id, status: 'deactivated' }))).ok).toBe(true);
    const demote = await changeUserRolesAction(null, formData({ userId: a1.id, roles: ['physio'] }));
    expect(demote).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('granting yourself a role needs a second admin when the practice has one', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const other = await createStaff(p.id, ['admin']);
    signInAs(admin);
    const result = await changeUserRolesAction(null, formData({ userId: admin.id, roles: ['admin', 'physio'] }));
    expect(result).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('another admin'), fieldErrors: { roles: [expect.any(String)] } });
    expect(await userRow(admin.id)).toMatchObject({ roles: ['admin'], sessionVersion: admin.sessionVersion });
    expect(await eventsFor('user.roles_change', admin.id)).toHaveLength(0);
    // Giving up a role of one's own is not a grant; the second admin grants the role.
    signInAs(other);
    expect(await changeUserRolesAction(null, formData({ userId: admin.id, roles: ['admin', 'physio'] }))).toEqual({ ok: true, data: { roles: ['admin', 'physio'] } });
    signInAs(await userRow(admin.id));
    expect(await changeUserRolesAction(null, formData({ userId: admin.id, roles: ['admin'] }))).toEqual({ ok: true, data: { roles: ['admin'] } });
    const events = await eventsFor('user.roles_change', admin.id);
    expect(events.map((e) => e.actorUserId).sort()).toEqual([admin.id, other.id].sort());
    expect(events.every((e) => !(e.meta as Record<string, unknown>).selfGrant)).toBe(true);
  });

  it('a deactivated admin is no second person: the only active admin may grant themselves a role, audited as a self-grant', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    await createStaff(p.id, ['admin'], { status: 'deactivated' });
    await createStaff(p.id, ['physio']);
    signInAs(admin);
    expect(await changeUserRolesAction(null, formData({ userId: admin.id, roles: ['admin', 'physio'] }))).toEqual({ ok: true, data: { roles: ['admin', 'physio'] } });
    const [event] = await eventsFor('user.roles_change', admin.id);
    expect(event).toMatchObject({ actorUserId: admin.id, meta: { before: ['admin'], after: ['admin', 'physio'], selfGrant: true } });
  });

  it('another practice account is not found and unchanged', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const admin = await createStaff(a.id, ['admin']);
    const foreign = await createStaff(b.id, ['physio']);
    signInAs(admin);
    expect(await changeUserRolesAction(null, formData({ userId: foreign.id, roles: ['admin'] }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await userRow(foreign.id)).toMatchObject({ roles: ['physio'], sessionVersion: foreign.sessionVersion });
  });
});

describe('reassign a departing physio patients', () => {
  it('moves every patient (any status) in one step and audits each record', async () => {
    const p = await createPractice();
    const admin = await createStaff(p.id, ['admin']);
    const leaving = await createStaff(p.id, ['physio']);
    const staying = await createStaff(p.id, ['physio']);
    const other = await createStaff(p.id, ['physio']);
    const mine = [
      await createPatient(p.id, { treatingPhysioId: leaving.id }),
      await createPatient(p.id, { treatingPhysioId: leaving.id, status: 'discharged' }),
      await createPatient(p.id, { treatingPhysioId: leaving.id, status: 'archived' }),
    ];
    const untouched = await createPatient(p.id, { treatingPhysioId: other.id });
    signInAs(admin);
    expect(await reassignPatientsAction(null, formData({ fromUserId: leaving.id, toUserId: staying.id }))).toEqual({ ok: true, data: { moved: 3 } });
    const rows = await testDb.db.select().from(patients).where(eq(patients.practiceId, p.id));
    for (const m of mine) expect(rows.find((r) => r.id === m.id)?.treatingPhysioId).toBe(staying.id);
    expect(rows.find((r) => r.id === untouched.id)?.treatingPhysioId).toBe(other.id);
    const events = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, p.id), eq(auditEvents.action, 'patient.reassign')));
    expect(events.map((e) => e.patientId).sort()).toEqual(mine.map((m) => m.id).sort());
    expect(events[0]?.meta).toMatchObject({ from: leaving.id, to: staying.id });
  });

  it('works after the physio was deactivated, but only to an active physio of the practice', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const admin = await createStaff(a.id, ['admin']);
    const leaving = await createStaff(a.id, ['physio'], { status: 'deactivated' });
    const managerOnly = await createStaff(a.id, ['admin']);
    const inactive = await createStaff(a.id, ['physio'], { status: 'deactivated' });
    const foreignPhysio = await createStaff(b.id, ['physio']);
    const patient = await createPatient(a.id, { treatingPhysioId: leaving.id });
    signInAs(admin);
    for (const target of [managerOnly, inactive]) {
      expect(await reassignPatientsAction(null, formData({ fromUserId: leaving.id, toUserId: target.id }))).toMatchObject({ ok: false, fieldErrors: { toUserId: ['Choose an active physio of your practice'] } });
    }
    expect(await reassignPatientsAction(null, formData({ fromUserId: leaving.id, toUserId: foreignPhysio.id }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await reassignPatientsAction(null, formData({ fromUserId: leaving.id, toUserId: leaving.id }))).toMatchObject({ ok: false, fieldErrors: { toUserId: ['Choose a different physio'] } });
    const [row] = await testDb.db.select().from(patients).where(eq(patients.id, patient.id));
    expect(row?.treatingPhysioId).toBe(leaving.id);
  });

  it('cannot move another practice patients: their physio is not found and nothing changes', async () => {
    const a = await createPractice();
    const b = await createPractice();
    const admin = await createStaff(a.id, ['admin']);
    const physioA = await createStaff(a.id, ['physio']);
    const physioB = await createStaff(b.id, ['physio']);
    const patientB = await createPatient(b.id, { treatingPhysioId: physioB.id });
    signInAs(admin);
    expect(await reassignPatientsAction(null, formData({ fromUserId: physioB.id, toUserId: physioA.id }))).toMatchObject({ ok: false, code: 'not_found' });
    const [row] = await testDb.db.select().from(patients).where(eq(patients.id, patientB.id));
    expect(row?.treatingPhysioId).toBe(physioB.id);
  });
});
