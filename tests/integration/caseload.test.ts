import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exerciseCompletions, painReports, patients, practices, programs, trainingSessions, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { patientAlerts, type AlertInput } from '@/lib/analytics/alerts';
import { acknowledgeAlert, getCaseload, getPatientAlerts } from '@/lib/data/caseload';
import { logPain } from '@/lib/data/pain-reports';
import { localDate } from '@/lib/dates';
import { createTestDb } from '../helpers/db';
import { actorFor } from '../helpers/factories';

let testDb: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  testDb = await createTestDb();
  await seedDemo(testDb.db);
});
afterAll(async () => { await testDb.drop(); });

async function demoUser(email: string) {
  const [user] = await testDb.db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(email);
  return actorFor(user);
}

describe('caseload dashboard on the demo practice', () => {
  it('puts the red-flag patient first and explains every alert with numbers', async () => {
    const sam = await demoUser('sam@riverside.example');
    const caseload = await getCaseload(sam, { scope: 'practice' });
    expect(caseload.rows[0]).toMatchObject({ firstName: 'Maria' });
    expect(caseload.rows[0]!.alerts[0]).toMatchObject({ kind: 'red-flag', severity: 'urgent' });
    const priya = caseload.rows.find((r) => r.firstName === 'Priya');
    expect(priya?.alerts.map((a) => a.kind)).toEqual(expect.arrayContaining(['pain-worse', 'acwr-spike']));
    expect(priya?.alerts.find((a) => a.kind === 'pain-worse')?.message).toMatch(/^Pain \d\.\d vs baseline \d\.\d \(\+\d\.\d\)$/);
  });

  it('agrees with the pure functions run on the same rows', async () => {
    const sam = await demoUser('sam@riverside.example');
    const [practice] = await testDb.db.select().from(practices).where(eq(practices.slug, 'riverside'));
    const today = localDate(new Date(), practice!.timeZone);
    const list = await testDb.db.select().from(patients).where(eq(patients.practiceId, practice!.id));
    for (const patient of list.filter((p) => p.status === 'active')) {
      const [program] = await testDb.db.select().from(programs).where(eq(programs.patientId, patient.id));
      const pain = await testDb.db.select().from(painReports).where(eq(painReports.patientId, patient.id));
      const sessions = await testDb.db.select().from(trainingSessions).where(eq(trainingSessions.patientId, patient.id));
      const ticks = await testDb.db.select().from(exerciseCompletions).where(eq(exerciseCompletions.patientId, patient.id));
      const { getActiveProgram } = await import('@/lib/data/programs');
      const active = await getActiveProgram(sam, patient.id);
      const input: AlertInput = {
        pain: pain.map((p) => ({ date: p.localDate, score: p.score, redFlags: p.redFlags })),
        sessions: sessions.map((s) => ({ date: s.localDate, durationMin: s.durationMin, rpe: s.rpe, distanceKm: s.distanceKm, activity: s.activity })),
        completions: ticks.map((t) => ({ date: t.completedOn })),
        prescribedPerWeek: active?.items.reduce((n, i) => n + i.sessionsPerWeek, 0) ?? 0,
        programStart: program?.startDate ?? null,
        baselineDate: patient.baselineDate,
      };
      const expected = patientAlerts(input, today).map((a) => ({ kind: a.kind, message: a.message }));
      const stored = (await getPatientAlerts(sam, patient.id)).map((a) => ({ kind: a.kind, message: a.message }));
      expect(stored, `${patient.firstName} ${patient.lastName}`).toEqual(expected);
    }
  });

  it('a physio sees only their own patients; another practice sees none of these', async () => {
    const jo = await demoUser('jo@riverside.example');
    const mine = await getCaseload(jo, { scope: 'practice' });
    expect(mine.scope).toBe('mine');
    const kai = await demoUser('kai@harbour.example');
    const theirs = await getCaseload(kai, { scope: 'practice' });
    expect(theirs.rows.some((r) => r.firstName === 'Maria')).toBe(false);
  });

  it('an acknowledged alert leaves the list and comes back when it gets worse', async () => {
    const jo = await demoUser('jo@riverside.example');
    const maria = (await getCaseload(jo)).rows.find((r) => r.firstName === 'Maria')!;
    await acknowledgeAlert(jo, maria.patientId, 'red-flag');
    expect((await getCaseload(jo)).rows.find((r) => r.firstName === 'Maria')?.alerts.some((a) => a.kind === 'red-flag') ?? false).toBe(false);
    const kai = await demoUser('kai@harbour.example');
    await expect(acknowledgeAlert(kai, maria.patientId, 'distance-spike')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an acknowledged pain alert comes back when pain gets worse than when it was acknowledged', async () => {
    const sam = await demoUser('sam@riverside.example');
    const hannah = (await getCaseload(sam)).rows.find((r) => r.firstName === 'Hannah')!;
    await acknowledgeAlert(sam, hannah.patientId, 'pain-worse');
    expect((await getPatientAlerts(sam, hannah.patientId)).find((a) => a.kind === 'pain-worse')?.acknowledged).toBe(true);
    await logPain(sam, { patientId: hannah.patientId, idempotencyKey: 'clinic-visit-worse', score: 10, locations: [], symptoms: [] });
    const back = (await getPatientAlerts(sam, hannah.patientId)).find((a) => a.kind === 'pain-worse');
    expect(back?.acknowledged).toBe(false);
  });
});
