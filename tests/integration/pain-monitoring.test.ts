import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, patientAlertState, sessionCheckIns } from '@/db/schema';
import { updatePracticeSettingsAction } from '@/lib/actions/admin/update-practice-settings';
import { checkInSessionAction } from '@/lib/actions/entries/check-in-session';
import { correctSessionAction } from '@/lib/actions/entries/correct-session';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { getCaseload, getPatientAlerts } from '@/lib/data/caseload';
import { getPracticeSettings } from '@/lib/data/practice-settings';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { addDays, localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatientAccount, createPractice, createStaff } from '../helpers/factories';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();

const today = () => localDate(new Date(), 'Europe/London');
const run = (daysAgo: number, painDuring: number | '') => ({ idempotencyKey: randomUUID(), activity: 'run', date: addDays(today(), -daysAgo), durationMin: '40', distance: '8', rpe: '5', painDuring: String(painDuring) });

async function world() {
  const practice = await createPractice();
  const physio = await createStaff(practice.id, ['physio', 'admin']);
  const { patient, user } = await createPatientAccount(practice.id, { treatingPhysioId: physio.id });
  const neighbour = await createPatientAccount(practice.id);
  return { practice, physio, patient, patientUser: user, neighbour };
}

const logRun = async (daysAgo: number, painDuring: number | '') => {
  const result = await logSessionAction(null, run(daysAgo, painDuring));
  if (!result.ok) throw new Error(result.message);
  return result.data;
};

describe('pain monitoring: a session, its next-morning check-in and "load not tolerated"', () => {
  it('pain 6 during is too much at once; "worse" next morning adds a reason; the physio sees the same verdict', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const logged = await logRun(1, 6);
    expect(logged.tolerance).toMatchObject({ verdict: 'too-much', reasons: ['pain-during-high'] });
    expect(logged.limits).toEqual({ painDuringMax: 5, weeklyRisePoints: 1 });

    const answer = await checkInSessionAction(null, { sessionId: logged.id, morningAfter: 'worse' });
    expect(answer).toMatchObject({ ok: true, data: { duplicate: false, tolerance: { verdict: 'too-much', reasons: ['pain-during-high', 'worse-next-morning'] } } });
    // Once per session: a second tap is the same answer, not a new row.
    expect(await checkInSessionAction(null, { sessionId: logged.id, morningAfter: 'better' })).toMatchObject({ ok: true, data: { duplicate: true } });
    expect(await testDb.db.select().from(sessionCheckIns).where(eq(sessionCheckIns.sessionId, logged.id))).toMatchObject([{ morningAfter: 'worse', patientId: w.patient.id, practiceId: w.practice.id }]);
    expect(await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'session.check_in'), eq(auditEvents.entityId, logged.id)))).toHaveLength(1);

    signInAs(w.physio);
    const { sessions } = await listMonitoredSessions(await actorFor(w.physio), w.patient.id, addDays(today(), -7));
    expect(sessions.find((s) => s.id === logged.id)).toMatchObject({ painDuring: 6, morningAfter: 'worse', tolerance: { verdict: 'too-much' } });
    // One session too much is not yet the alert.
    expect((await getPatientAlerts(await actorFor(w.physio), w.patient.id)).map((a) => a.kind)).not.toContain('load-not-tolerated');
  });

  it('two sessions too much in 7 days raise "load not tolerated" on the dashboard; a stricter or looser limit recomputes it', async () => {
    const w = await world();
    signInAs(w.patientUser);
    await logRun(5, 6);
    const second = await logRun(1, 3);
    expect(second.notTolerated).toBe(false);
    const answer = await checkInSessionAction(null, { sessionId: second.id, morningAfter: 'worse' });
    expect(answer.ok && answer.data.tolerance.verdict).toBe('too-much');

    signInAs(w.physio);
    const physio = await actorFor(w.physio);
    const alert = (await getPatientAlerts(physio, w.patient.id)).find((a) => a.kind === 'load-not-tolerated');
    expect(alert).toMatchObject({ severity: 'high', level: 2 });
    expect(alert?.message).toMatch(/^Load not tolerated: 2 sessions too much in 7 days \(.+: pain 6\/10 during; .+: worse next morning\)$/);
    const caseload = await getCaseload(physio);
    expect(caseload.rows.find((r) => r.patientId === w.patient.id)?.alerts.map((a) => a.kind)).toContain('load-not-tolerated');
    expect(caseload.kindCounts['load-not-tolerated']).toBe(1);

    // With pain during allowed up to 6, the first session is no longer too much: the alert goes.
    const settings = await getPracticeSettings(physio);
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...settings, painDuringMax: 6 })) if (v !== null) form.set(k, String(v));
    expect(await updatePracticeSettingsAction(null, form)).toMatchObject({ ok: true });
    expect((await getPatientAlerts(physio, w.patient.id)).map((a) => a.kind)).not.toContain('load-not-tolerated');
    const [state] = await testDb.db.select().from(patientAlertState).where(eq(patientAlertState.patientId, w.patient.id));
    expect(state?.kinds).not.toContain('load-not-tolerated');
  });

  it('asks only after runs and strength, only on the two days after, and only about the patient’s own live sessions', async () => {
    const w = await world();
    signInAs(w.patientUser);
    const walk = await logSessionAction(null, { idempotencyKey: randomUUID(), activity: 'walk', date: addDays(today(), -1), durationMin: '30', rpe: '2' });
    if (!walk.ok) throw new Error(walk.message);
    expect(await checkInSessionAction(null, { sessionId: walk.data.id, morningAfter: 'usual' })).toMatchObject({ ok: false, code: 'invalid' });
    const sameDay = await logRun(0, 2);
    expect(await checkInSessionAction(null, { sessionId: sameDay.id, morningAfter: 'usual' })).toMatchObject({ ok: false, code: 'invalid' });
    const old = await logRun(3, 2);
    expect(await checkInSessionAction(null, { sessionId: old.id, morningAfter: 'usual' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(old.tolerance).toMatchObject({ verdict: 'unknown', reasons: ['morning-missed'] });

    // Another patient of the same practice cannot answer for this session.
    const yesterday = await logRun(1, 2);
    expect(yesterday.tolerance).toMatchObject({ verdict: 'unknown', reasons: ['morning-pending'] });
    signInAs(w.neighbour.user);
    expect(await checkInSessionAction(null, { sessionId: yesterday.id, morningAfter: 'worse' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await checkInSessionAction(null, { sessionId: yesterday.id, morningAfter: 'sideways' })).toMatchObject({ ok: false, fieldErrors: { morningAfter: expect.any(Array) } });
    expect(await testDb.db.select().from(sessionCheckIns).where(eq(sessionCheckIns.sessionId, yesterday.id))).toHaveLength(0);

    // A corrected session keeps the check-in given to the entry it replaced.
    signInAs(w.patientUser);
    expect(await checkInSessionAction(null, { sessionId: yesterday.id, morningAfter: 'usual' })).toMatchObject({ ok: true, data: { tolerance: { verdict: 'acceptable' } } });
    const corrected = await correctSessionAction(null, { ...run(1, 3), correctsId: yesterday.id, reason: 'It was 3, not 2' });
    expect(corrected).toMatchObject({ ok: true });
    const { sessions } = await listMonitoredSessions(await actorFor(w.patientUser), w.patient.id, addDays(today(), -2));
    expect(sessions.find((s) => s.painDuring === 3)).toMatchObject({ morningAfter: 'usual', checkInOpen: false, tolerance: { verdict: 'acceptable' } });
  });
});
