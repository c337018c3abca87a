// Issue 13: the patient page's charts and the alerts use the same baseline date, the same
// clinically important change (the practice's points), the same load history window and
// the practice's distance unit.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { painReports, practices, trainingSessions } from '@/db/schema';
import { LOAD_HISTORY_DAYS } from '@/lib/analytics/load';
import { refreshAlertState } from '@/lib/data/alert-state';
import { getPatientAlerts } from '@/lib/data/caseload';
import { getPracticeSettings, updatePracticeSettings } from '@/lib/data/practice-settings';
import { createProgram, endProgram } from '@/lib/data/programs';
import { packTrends, unpackTrends } from '@/lib/charts/packed-trends';
import { getPatientTrends } from '@/lib/data/trends';
import { addDays, dateRange, localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPractice, createStaff } from '../helpers/factories';
import { sampleProgram } from '../helpers/library';

const testDb = setupTestDb();

describe('patient page trends and alerts agree', () => {
  it('baseline = the current program\'s start, band = the practice\'s points, ratios from the same window, distances in the practice\'s unit', async () => {
    const practice = await createPractice('Agree Physio', 'Europe/London');
    const [row] = await testDb.db.select().from(practices).where(eq(practices.id, practice.id));
    await testDb.db.update(practices).set({ settings: { ...row!.settings, painWorseMinPoints: 3 } }).where(eq(practices.id, practice.id));
    const physioUser = await createStaff(practice.id, ['physio']);
    const admin = await actorFor(await createStaff(practice.id, ['admin']));
    const physio = await actorFor(physioUser);
    const patient = await createPatient(practice.id, { treatingPhysioId: physioUser.id });
    const today = localDate(new Date(), 'Europe/London');
    const day = (n: number) => addDays(today, -n);

    // First-ever program from day 60 (ended), the current one from day 20.
    const first = await createProgram(physio, patient.id, await sampleProgram({ startDate: day(60) }));
    await endProgram(physio, first.id, first.version);
    await createProgram(physio, patient.id, await sampleProgram({ startDate: day(20) }));

    // Pain 2 in the first program's first week, 4 in the current one's, 7 over the last 7 days.
    const pain = (date: string, score: number) => ({ practiceId: practice.id, patientId: patient.id, score, reportedAt: new Date(`${date}T12:00:00Z`), localDate: date });
    await testDb.db.insert(painReports).values([
      ...dateRange(day(60), day(54)).map((d) => pain(d, 2)),
      ...dateRange(day(20), day(14)).map((d) => pain(d, 4)),
      ...dateRange(day(6), day(0)).map((d) => pain(d, 7)),
    ]);
    // One session 200 days back (outside the 182-day window), then 10 km a week ago and 13.5 km this week (+35%).
    const session = (date: string, distanceKm: number) => ({ practiceId: practice.id, patientId: patient.id, activity: 'run' as const, localDate: date, durationMin: 30, rpe: 4, distanceKm });
    await testDb.db.insert(trainingSessions).values([session(day(200), 5), session(day(10), 10), session(day(3), 13.5)]);
    await refreshAlertState(practice.id, [patient.id]);

    const trends = await getPatientTrends(physio, patient.id, 4);
    // Baseline 4 (current program), current 7, +3; threshold max(3 points, 30% × 4 = 1.2) = 3; band 4 ± 3.
    expect(trends.baselineDate).toBe(day(20));
    expect(trends.painChange).toMatchObject({ baselineDate: day(20), baseline: 4, current: 7, change: 3, threshold: 3, band: { low: 1, high: 7 }, mcid: { minPoints: 3, pct: 30 }, clinicallyWorse: true });
    let alerts = await getPatientAlerts(physio, patient.id);
    expect(alerts.find((a) => a.kind === 'pain-worse')?.message).toBe('Pain 7.0 vs baseline 4.0 (+3.0)');

    // Ratios: within the window the first session is 10 days back, under 21 days of history: none, as for the alerts.
    expect(trends.loadHistoryDays).toBe(LOAD_HISTORY_DAYS);
    expect(trends.latest).toMatchObject({ date: today, acwr: null, ewmaAcwr: null });
    expect(trends.weekly.at(-1)).toMatchObject({ weekEnd: today, ewmaAcwr: null, acwr: null, distanceKm: 13.5 });
    expect(alerts.some((a) => a.kind === 'acwr-spike')).toBe(false);
    expect(trends.acwrAlert).toBe(1.5);

    // Distance: km while the practice is in km; switching the unit alone rewrites the stored message in miles.
    expect(alerts.find((a) => a.kind === 'distance-spike')?.message).toBe('Running distance up 35% (13.5 km vs 10.0 km)');
    await updatePracticeSettings(admin, { ...(await getPracticeSettings(admin)), distanceUnit: 'mi' });
    alerts = await getPatientAlerts(physio, patient.id);
    expect(alerts.find((a) => a.kind === 'distance-spike')).toMatchObject({
      message: 'Running distance up 35% (8.4 mi vs 6.2 mi)',
      evidence: { thisWeekKm: 13.5, lastWeekKm: 10 },
    });
  });

  it('the charts get the same trends packed as columns: every value back to the last digit, in far fewer bytes', async () => {
    const practice = await createPractice('Packed Physio', 'Europe/London');
    const physioUser = await createStaff(practice.id, ['physio']);
    const physio = await actorFor(physioUser);
    const patient = await createPatient(practice.id, { treatingPhysioId: physioUser.id });
    const today = localDate(new Date(), 'Europe/London');
    const days = dateRange(addDays(today, -370), today);
    // A year of scores with gaps, a red-flag day, and sessions with uneven distances (long decimals in the ratios).
    await testDb.db.insert(painReports).values(days.filter((_, i) => i % 5 !== 2).map((d, i) => ({
      practiceId: practice.id, patientId: patient.id, score: (i * 7) % 11, reportedAt: new Date(`${d}T12:00:00Z`), localDate: d, redFlags: i === 40 ? ['night_pain'] : [],
    })));
    await testDb.db.insert(trainingSessions).values(days.filter((_, i) => i % 3 === 0).map((d, i) => ({
      practiceId: practice.id, patientId: patient.id, activity: 'run' as const, localDate: d, durationMin: 20 + (i % 17), rpe: 2 + (i % 7), distanceKm: 3 + (i % 9) / 3,
    })));
    const trends = await getPatientTrends(physio, patient.id, 52);
    expect(trends.pain.some((p) => p.redFlag)).toBe(true);
    expect(trends.weekly.some((w) => w.ewmaAcwr !== null && !Number.isInteger(w.ewmaAcwr))).toBe(true);

    // What the browser gets is the JSON of the packed object.
    const sent = JSON.stringify(packTrends(trends));
    expect(unpackTrends(JSON.parse(sent))).toEqual(trends);
    expect(sent.length).toBeLessThan(JSON.stringify(trends).length / 2);
    // Unpacked once per object, however many charts read it.
    const packed = packTrends(trends);
    expect(unpackTrends(packed)).toBe(unpackTrends(packed));
    // A series whose days are not the range's, one after another, is refused rather than drawn on the wrong days.
    expect(() => packTrends({ ...trends, pain: trends.pain.slice(1) })).toThrow(/pain day 0/);
  });
});
