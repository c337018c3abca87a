// Issue 20: every physio can look across the whole practice (covering a colleague), read-only
// for patients they do not treat and audited; alerts are acknowledged in bulk with one reason.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alertAcknowledgements, auditEvents } from '@/db/schema';
import { acknowledgeAlertsAction } from '@/lib/actions/alerts/acknowledge-alerts';
import { refreshAlertState } from '@/lib/data/alert-state';
import { getCaseload, getPatientAlerts } from '@/lib/data/caseload';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPractice, createStaff } from '../helpers/factories';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();

const monthAgo = () => new Date(Date.now() - 30 * 86_400_000);

describe('whole practice and bulk acknowledgement', () => {
  it('a physio sees the whole practice (audited once per 10 minutes) but acknowledges only their own patients', async () => {
    const practice = await createPractice();
    const jo = await createStaff(practice.id, ['physio']);
    const sam = await createStaff(practice.id, ['physio']);
    // Registered a month ago and never logged: each has an open "no logs" alert.
    const mine = await createPatient(practice.id, { treatingPhysioId: jo.id, createdAt: monthAgo() });
    const theirs = await createPatient(practice.id, { treatingPhysioId: sam.id, createdAt: monthAgo() });
    await refreshAlertState(practice.id, [mine.id, theirs.id]);

    const joActor = await actorFor(jo);
    expect((await getCaseload(joActor)).rows.map((r) => r.patientId)).toEqual([mine.id]);
    const whole = await getCaseload(joActor, { scope: 'practice' });
    expect(whole.scope).toBe('practice');
    expect(new Set(whole.rows.map((r) => r.patientId))).toEqual(new Set([mine.id, theirs.id]));
    await getCaseload(joActor, { scope: 'practice' });
    const views = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'caseload.view_practice'), eq(auditEvents.actorUserId, jo.id)));
    expect(views).toHaveLength(1);

    signInAs(jo);
    // Sam's patient: refused, and nothing is acknowledged (not even Jo's own, in the same request).
    const refused = await acknowledgeAlertsAction(null, { items: [`${mine.id}:no-logs`, `${theirs.id}:no-logs`], reason: 'Covering today' });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await testDb.db.select().from(alertAcknowledgements).where(eq(alertAcknowledgements.practiceId, practice.id))).toHaveLength(0);
    expect(await acknowledgeAlertsAction(null, { items: [`${mine.id}:no-logs`], reason: 'x' })).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(Array) } });
    expect(await acknowledgeAlertsAction(null, { reason: 'Nothing ticked' })).toMatchObject({ ok: false, fieldErrors: { items: expect.any(Array) } });
  });

  it('an admin physio acknowledges several patients’ alerts with one reason, kept with each and audited', async () => {
    const practice = await createPractice();
    const lead = await createStaff(practice.id, ['physio', 'admin']);
    const other = await createStaff(practice.id, ['physio']);
    const a = await createPatient(practice.id, { treatingPhysioId: other.id, createdAt: monthAgo() });
    const b = await createPatient(practice.id, { treatingPhysioId: lead.id, createdAt: monthAgo() });
    await refreshAlertState(practice.id, [a.id, b.id]);
    signInAs(lead);
    expect(await acknowledgeAlertsAction(null, { items: [`${a.id}:no-logs`, `${b.id}:no-logs`], reason: 'Both away on holiday until the 14th' })).toEqual({ ok: true, data: { acknowledged: 2 } });
    const acks = await testDb.db.select().from(alertAcknowledgements).where(eq(alertAcknowledgements.practiceId, practice.id));
    expect(acks.map((x) => x.reason)).toEqual(['Both away on holiday until the 14th', 'Both away on holiday until the 14th']);
    const events = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'alert.acknowledge'), eq(auditEvents.practiceId, practice.id)));
    expect(events.map((e) => e.meta)).toEqual([expect.objectContaining({ reason: 'Both away on holiday until the 14th', bulk: 2 }), expect.objectContaining({ bulk: 2 })]);
    const leadActor = await actorFor(lead);
    expect((await getPatientAlerts(leadActor, a.id)).find((x) => x.kind === 'no-logs')?.acknowledged).toBe(true);
    expect((await getCaseload(leadActor, { scope: 'practice' })).rows).toHaveLength(0);
  });
});
