// Issue 13: the same question gets the same answer on every view. For every demo patient,
// the pure functions of lib/analytics are run here on the raw rows, and the dashboard, the
// patients table, the patient page, the export and the alerts must all give that figure:
// pain baseline and change, adherence, last activity and each session's pain-monitoring
// verdict; then the practice switches to miles and every distance follows.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exerciseCompletions, painReports, patients, practices, programItems, programs, sessionCheckIns, trainingSessions, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { adherence, programItemSpan } from '@/lib/analytics/adherence';
import { lastActivity } from '@/lib/analytics/alerts';
import { fromKm } from '@/lib/units';
import { painMonitoring, painMonitoringLimits } from '@/lib/analytics/pain-monitoring';
import { DEFAULT_PAIN_MCID, painBaselineComparison, painBaselineDate } from '@/lib/analytics/pain';
import { refreshAlertState } from '@/lib/data/alert-state';
import { getCaseload, getPatientAlerts } from '@/lib/data/caseload';
import { listMonitoredSessions } from '@/lib/data/pain-monitoring';
import { exportPatientData } from '@/lib/data/patient-export';
import { listPatients } from '@/lib/data/patients';
import { getPatientTrends } from '@/lib/data/trends';
import { addDays, localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { actorFor } from '../helpers/factories';

const testDb = setupTestDb((handle) => seedDemo(handle.db));

async function sam() {
  const [user] = await testDb.db.select().from(users).where(eq(users.email, 'sam@riverside.example'));
  return actorFor(user!);
}

/** Everything the pure functions need, read straight from the tables (not through the data layer). */
async function raw(patientId: string, timeZone: string) {
  const live = <T extends { voidedAt: Date | null }>(rows: T[]) => rows.filter((r) => r.voidedAt === null);
  const pain = live(await testDb.db.select().from(painReports).where(eq(painReports.patientId, patientId))).map((p) => ({ date: p.localDate, score: p.score }));
  const sessions = live(await testDb.db.select().from(trainingSessions).where(eq(trainingSessions.patientId, patientId)));
  const checkIns = await testDb.db.select().from(sessionCheckIns).where(eq(sessionCheckIns.patientId, patientId));
  const ticks = live(await testDb.db.select().from(exerciseCompletions).where(eq(exerciseCompletions.patientId, patientId)));
  const itemRows = await testDb.db.select({ item: programItems, program: programs }).from(programItems).innerJoin(programs, eq(programs.id, programItems.programId)).where(eq(programs.patientId, patientId));
  const active = itemRows.find((r) => r.program.status === 'active')?.program ?? null;
  const items = active
    ? itemRows.map(({ item, program }) => ({
        id: item.id, sessionsPerWeek: item.sessionsPerWeek,
        ...programItemSpan({ programStart: program.startDate, programEnd: program.endDate, addedOn: item.createdAt.getTime() <= program.createdAt.getTime() ? null : localDate(item.createdAt, timeZone), removedOn: item.removedAt ? localDate(item.removedAt, timeZone) : null }),
      }))
    : [];
  return {
    pain, active, items,
    sessions: sessions.map((s) => ({ ...s, date: s.localDate, morningAfter: checkIns.find((c) => c.sessionId === s.id || c.sessionId === s.correctsId)?.morningAfter ?? null })),
    ticks: ticks.map((t) => ({ itemId: t.programItemId, date: t.completedOn })),
  };
}

describe('every view gives the pure function’s answer, for every demo patient', () => {
  it('pain baseline and change, adherence, last activity and session verdicts agree across dashboard, table, patient page, export and alerts; distances follow km and miles', async () => {
    const physio = await sam();
    const [practice] = await testDb.db.select().from(practices).where(eq(practices.slug, 'riverside'));
    const today = localDate(new Date(), practice!.timeZone);
    const mcid = { minPoints: practice!.settings.painWorseMinPoints, pct: DEFAULT_PAIN_MCID.pct };
    const limits = painMonitoringLimits(practice!.settings);
    const list = await testDb.db.select().from(patients).where(eq(patients.practiceId, practice!.id));
    const table = await listPatients(physio, { status: 'all', pageSize: 100 });
    const dashboard = await getCaseload(physio, { scope: 'practice' });
    const seen = { baselines: 0, adherence: 0, verdicts: new Set<string>(), painWorse: 0 };

    for (const patient of list) {
      const name = `${patient.firstName} ${patient.lastName}`;
      const r = await raw(patient.id, practice!.timeZone);
      const exported = await exportPatientData(physio, patient.id, 'json');
      const summary = exported.clinicalSummary!;
      const row = table.rows.find((x) => x.id === patient.id);

      // Pain baseline and change: patient page, export and the pain-worse alert.
      const pain = painBaselineComparison(r.pain, painBaselineDate(patient.baselineDate, r.active?.startDate), today, mcid);
      const page = (await getPatientTrends(physio, patient.id, 4)).painChange;
      for (const view of [page, summary.pain]) {
        expect({ baseline: view.baseline, current: view.current, change: view.change, worse: view.clinicallyWorse }, name).toEqual({ baseline: pain.baseline, current: pain.current, change: pain.change, worse: pain.clinicallyWorse });
      }
      if (pain.baseline !== null) seen.baselines++;
      const alerts = await getPatientAlerts(physio, patient.id);
      const painWorse = alerts.find((a) => a.kind === 'pain-worse');
      if (patient.status === 'active' && pain.clinicallyWorse) {
        expect(painWorse?.evidence, name).toEqual({ baseline: pain.baseline, current: pain.current, change: pain.change });
        // The dashboard lists the same stored alert, word for word.
        expect(dashboard.rows.find((d) => d.patientId === patient.id)?.alerts.find((a) => a.kind === 'pain-worse')?.message, name).toBe(painWorse?.message);
        seen.painWorse++;
      } else {
        expect(painWorse, name).toBeUndefined();
      }

      // Adherence over the 14 days ending today: table, export and alert evidence.
      const adh = adherence(patient.status === 'active' ? r.items : [], r.ticks, addDays(today, -13), today);
      for (const figure of [row?.adherencePct ?? null, summary.adherence.pct]) {
        if (adh.pct === null) expect(figure, name).toBeNull();
        else expect(figure, name).toBeCloseTo(adh.pct, 4);
      }
      const low = alerts.find((a) => a.kind === 'low-adherence');
      if (low?.kind === 'low-adherence') expect(low.evidence.adherencePct, name).toBeCloseTo(adh.pct!, 6);
      if (adh.pct !== null) seen.adherence++;

      // Last activity: any pain report, session or tick; table and export.
      const last = lastActivity({ pain: r.pain, sessions: r.sessions, completions: r.ticks }, today);
      expect(row?.lastActivityDate ?? null, name).toBe(last);
      expect(summary.lastActivityDate, name).toBe(last);
      // Last pain in the table (stored by the refresh): the latest live report's day.
      const lastPainDay = r.pain.reduce<string | null>((m, p) => (m === null || p.date > m ? p.date : m), null);
      expect(row?.lastPain?.date ?? null, name).toBe(lastPainDay);

      // Each session's verdict: the pure rule, the patient page's list, the export.
      const monitored = await listMonitoredSessions(physio, patient.id, addDays(today, -27));
      for (const s of r.sessions.filter((x) => x.date >= addDays(today, -27))) {
        const expected = painMonitoring(s, r.pain, today, limits).verdict;
        expect(monitored.sessions.find((m) => m.id === s.id)?.tolerance.verdict, `${name} ${s.date}`).toBe(expected);
        expect(exported.trainingSessions.find((e) => e.id === s.id)?.tolerance, `${name} ${s.date}`).toBe(expected);
        seen.verdicts.add(expected);
      }
      // The load-not-tolerated alert is the dashboard's word for the same verdicts.
      expect(alerts.some((a) => a.kind === 'load-not-tolerated'), name).toBe(patient.status === 'active' && monitored.notTolerated);

      // Distances in km: the export's practice-unit figure equals the stored km.
      for (const s of exported.trainingSessions) expect(s.distance, name).toBe(s.distanceKm === null ? null : Math.round(s.distanceKm * 100) / 100);
    }
    // The demo exercises every branch compared above.
    expect(seen.baselines).toBeGreaterThan(5);
    expect(seen.adherence).toBeGreaterThan(5);
    expect(seen.painWorse).toBeGreaterThan(0);
    expect([...seen.verdicts].sort()).toEqual(['acceptable', 'too-much', 'unknown']);

    // In miles: the same figures, distances converted in the export, the page and the alert messages.
    await testDb.db.update(practices).set({ distanceUnit: 'mi' }).where(eq(practices.id, practice!.id));
    await refreshAlertState(practice!.id, list.map((p) => p.id));
    const inMiles = await actorFor((await testDb.db.select().from(users).where(and(eq(users.email, 'sam@riverside.example'))))[0]!);
    expect(inMiles.distanceUnit).toBe('mi');
    let runs = 0;
    for (const patient of list.filter((p) => p.status === 'active')) {
      const exported = await exportPatientData(inMiles, patient.id, 'json');
      for (const s of exported.trainingSessions.filter((x) => x.distanceKm !== null)) {
        expect(s.distanceUnit).toBe('mi');
        expect(s.distance).toBeCloseTo(fromKm(s.distanceKm!, 'mi'), 2);
        runs++;
      }
      const trends = await getPatientTrends(inMiles, patient.id, 4);
      expect(exported.clinicalSummary!.load.weeklyRunningDistance).toBeCloseTo(fromKm(trends.latest.weeklyDistanceKm, 'mi'), 2);
      for (const alert of await getPatientAlerts(inMiles, patient.id)) expect(alert.message, alert.kind).not.toMatch(/\bkm\b/);
      const spike = (await getPatientAlerts(inMiles, patient.id)).find((a) => a.kind === 'distance-spike');
      if (spike) expect(spike.message).toMatch(/ mi vs .* mi\)$/);
    }
    expect(runs).toBeGreaterThan(10);
  });
});
