import { eq, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { GET as auditCsv } from '@/app/api/admin/audit.csv/route';
import { setUserStatusAction } from '@/lib/actions/admin/set-user-status';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { listAuditEvents } from '@/lib/data/audit-log';
import { getPatient } from '@/lib/data/patients';
import { auditListParams } from '@/lib/validation/admin';
import { localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { actorFor, createPatient, createPractice, createStaff, TEST_PASSWORD } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb();
beforeEach(() => signOut());

async function scenario() {
  const practice = await createPractice('Audit Practice', 'Australia/Sydney');
  const other = await createPractice();
  const admin = await createStaff(practice.id, ['admin']);
  const physio = await createStaff(practice.id, ['physio']);
  const leaver = await createStaff(practice.id, ['physio']);
  const patient = await createPatient(practice.id, { firstName: 'Audrey', lastName: 'Trail' });
  const otherPatient = await createPatient(practice.id);
  const foreignPhysio = await createStaff(other.id, ['physio']);
  const foreignPatient = await createPatient(other.id);
  await verifyCredentials(testDb.db, { email: physio.email, password: TEST_PASSWORD }, { ip: '198.51.100.10', userAgent: 'Firefox' });
  await verifyCredentials(testDb.db, { email: physio.email, password: 'wrong password' }, { ip: '198.51.100.11', userAgent: 'Firefox' });
  await getPatient(await actorFor(physio), patient.id);
  await getPatient(await actorFor(physio), otherPatient.id);
  await getPatient(await actorFor(foreignPhysio), foreignPatient.id);
  signInAs(admin);
  await setUserStatusAction(null, formData({ userId: leaver.id, status: 'deactivated' }));
  return { practice, admin, physio, leaver, patient, foreignPhysio };
}

describe('the audit log', () => {
  it('shows the practice own events, sign-in successes and failures included, newest first', async () => {
    const { practice, admin, physio } = await scenario();
    const { rows, total } = await listAuditEvents(await actorFor(admin));
    expect(total).toBe(5);
    expect(rows.map((r) => r.action)).toEqual(['user.deactivate', 'patient.view', 'patient.view', 'sign_in.failure', 'sign_in.success']);
    const failure = rows.find((r) => r.action === 'sign_in.failure');
    expect(failure).toMatchObject({ actorName: physio.name, ip: '198.51.100.11', userAgent: 'Firefox', meta: { email: physio.email } });
    expect(rows.every((r) => r.actorUserId !== null)).toBe(true);
    const all = await testDb.db.select().from(auditEvents).where(eq(auditEvents.practiceId, practice.id));
    expect(all).toHaveLength(5);
  });

  it('filters by person (who did it or whose account it was), patient, action family and date range', async () => {
    const { admin, physio, leaver, patient } = await scenario();
    const actor = await actorFor(admin);
    expect((await listAuditEvents(actor, { personId: physio.id })).rows.map((r) => r.action)).toEqual(['patient.view', 'patient.view', 'sign_in.failure', 'sign_in.success']);
    const aboutLeaver = await listAuditEvents(actor, { personId: leaver.id });
    expect(aboutLeaver.rows).toHaveLength(1);
    expect(aboutLeaver.rows[0]).toMatchObject({ action: 'user.deactivate', actorName: admin.name, subjectName: leaver.name });
    const views = await listAuditEvents(actor, { patientId: patient.id });
    expect(views.rows).toHaveLength(1);
    expect(views.rows[0]).toMatchObject({ action: 'patient.view', patientName: 'Trail, Audrey' });
    expect((await listAuditEvents(actor, { action: 'sign_in' })).total).toBe(2);
    expect((await listAuditEvents(actor, { action: 'sign_in.failure' })).total).toBe(1);
    expect((await listAuditEvents(actor, { action: 'sign' })).total).toBe(0);
    const today = localDate(new Date(), actor.timeZone);
    expect((await listAuditEvents(actor, { from: today, to: today })).total).toBe(5);
    expect((await listAuditEvents(actor, { to: '2000-01-01' })).total).toBe(0);
    expect((await listAuditEvents(actor, { from: '2999-01-01' })).total).toBe(0);
    const page = await listAuditEvents(actor, { pageSize: 2, page: 3 });
    expect(page.rows.map((r) => r.action)).toEqual(['sign_in.success']);
  });

  it('never shows another practice events, even when filtering by their ids', async () => {
    const { admin, foreignPhysio } = await scenario();
    const result = await listAuditEvents(await actorFor(admin), { personId: foreignPhysio.id });
    expect(result.total).toBe(0);
  });

  it('is for admins only', async () => {
    const { physio } = await scenario();
    await expect(listAuditEvents(await actorFor(physio))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('downloads as CSV with the same filters; the download is itself audited; physios get 403', async () => {
    const { admin, physio } = await scenario();
    signInAs(admin);
    const response = await auditCsv(new NextRequest(`http://localhost/api/admin/audit.csv?person=${physio.id}&action=sign_in`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('timeUtc,timeLocal,action,description,actorName,actorEmail,account,patient,patientId,entity,entityId,ip,userAgent,details');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('sign_in.failure,Sign-in failed');
    expect(lines[2]).toContain('sign_in.success,Signed in');
    const [exportEvent] = await testDb.db.select().from(auditEvents).where(eq(auditEvents.action, 'audit.export'));
    expect(exportEvent).toMatchObject({ actorUserId: admin.id, meta: { rows: 2, filters: { personId: physio.id, action: 'sign_in' } } });

    signInAs(physio);
    expect((await auditCsv(new NextRequest('http://localhost/api/admin/audit.csv'))).status).toBe(403);
  });

  it('a NUL, a lone surrogate or year 0000 in the CSV URL is ignored (the filter is dropped), never a 500', async () => {
    const { admin, physio } = await scenario();
    signInAs(admin);
    for (const query of ['to=0000-01-01', 'from=2101-01-01', 'to=0000-01-01&from=0000-12-31', `person=${physio.id}%00`, 'action=sign_in%00', 'from=%ED%A0%80']) {
      const response = await auditCsv(new NextRequest(`http://localhost/api/admin/audit.csv?${query}`));
      expect(response.status, query).toBe(200);
    }
    // The ignored date does not narrow the export: the scenario's events are all there.
    const all = (await (await auditCsv(new NextRequest('http://localhost/api/admin/audit.csv?to=0000-01-01'))).text()).trim().split('\r\n');
    expect(all.length).toBeGreaterThan(2);
    // A NUL in a search reaches no query either (listUsers / listPatients via the page parsers).
    expect((await listAuditEvents(await actorFor(admin), auditListParams.parse({ to: '0000-01-01', from: 'x\u0000' }))).rows.length).toBeGreaterThan(0);
  });

  it('application code can insert events but never update, delete or truncate them', async () => {
    const { admin } = await scenario();
    const [event] = (await listAuditEvents(await actorFor(admin))).rows;
    await expect(testDb.db.update(auditEvents).set({ action: 'tampered' }).where(eq(auditEvents.id, event!.id))).rejects.toThrow();
    await expect(testDb.db.delete(auditEvents).where(eq(auditEvents.id, event!.id))).rejects.toThrow();
    await expect(testDb.db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();
    const [again] = await testDb.db.select().from(auditEvents).where(eq(auditEvents.id, event!.id));
    expect(again?.action).toBe(event!.action);
  });
});
