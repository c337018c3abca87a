// Every view of adherence gives the number of the one pure function (lib/analytics/adherence.ts),
// computed here from the raw rows of each demo patient: the low-adherence alert's evidence
// and the patient page's latest week (and the patients table, which reads the stored figure).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { exerciseCompletions, patients, practices, programItems, programs, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { adherence, programItemSpan, type AdherenceCompletion, type AdherenceItem } from '@/lib/analytics/adherence';
import { DEFAULT_THRESHOLDS } from '@/lib/analytics/alerts';
import { getPatientAlerts } from '@/lib/data/caseload';
import { createProgram } from '@/lib/data/programs';
import { listPatients } from '@/lib/data/patients';
import { getPatientTrends } from '@/lib/data/trends';
import { addDays, localDate } from '@/lib/dates';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient } from '../helpers/factories';
import { sampleProgram } from '../helpers/library';

const testDb = setupTestDb((handle) => seedDemo(handle.db));

async function demoUser(email: string) {
  const [user] = await testDb.db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(email);
  return actorFor(user);
}

/** The pure function's inputs, from the raw rows (not through the data layer's SQL). */
async function rawInputs(patientId: string, timeZone: string) {
  const rows = await testDb.db
    .select({ item: programItems, program: programs })
    .from(programItems)
    .innerJoin(programs, eq(programs.id, programItems.programId))
    .where(eq(programs.patientId, patientId));
  const toItem = ({ item, program }: (typeof rows)[number]): AdherenceItem => ({
    id: item.id,
    sessionsPerWeek: item.sessionsPerWeek,
    ...programItemSpan({
      programStart: program.startDate,
      programEnd: program.endDate,
      addedOn: item.createdAt.getTime() <= program.createdAt.getTime() ? null : localDate(item.createdAt, timeZone),
      removedOn: item.removedAt ? localDate(item.removedAt, timeZone) : null,
    }),
  });
  const ticks = await testDb.db.select().from(exerciseCompletions).where(eq(exerciseCompletions.patientId, patientId));
  const completions: AdherenceCompletion[] = ticks.filter((t) => t.voidedAt === null).map((t) => ({ itemId: t.programItemId, date: t.completedOn }));
  return {
    items: rows.map(toItem),
    activeItems: rows.filter((r) => r.program.status === 'active').length ? rows.map(toItem) : [],
    completions,
  };
}

describe('adherence agrees across views on the demo practice', () => {
  it('the patients table, the alert evidence and the patient page latest week are the pure function on the raw rows, for every demo patient', async () => {
    const sam = await demoUser('sam@riverside.example');
    const [practice] = await testDb.db.select().from(practices).where(eq(practices.slug, 'riverside'));
    const today = localDate(new Date(), practice!.timeZone);
    const list = await testDb.db.select().from(patients).where(eq(patients.practiceId, practice!.id));
    const table = await listPatients(sam, { status: 'all', pageSize: 100 });
    let lowAlerts = 0;
    let computed = 0;
    for (const patient of list) {
      const name = `${patient.firstName} ${patient.lastName}`;
      const raw = await rawInputs(patient.id, practice!.timeZone);
      // The alert: the 14 days up to today, only with an active program.
      const alertExpected = adherence(patient.status === 'active' ? raw.activeItems : [], raw.completions, addDays(today, -13), today);
      // The patients table: the stored figure of the same 14 days.
      const row = table.rows.find((r) => r.id === patient.id);
      if (patient.status !== 'active' || alertExpected.pct === null) expect(row?.adherencePct, name).toBeNull();
      else expect(row?.adherencePct, name).toBeCloseTo(alertExpected.pct, 4);
      const low = (await getPatientAlerts(sam, patient.id)).find((a) => a.kind === 'low-adherence');
      if (alertExpected.pct !== null && alertExpected.pct < DEFAULT_THRESHOLDS.adherenceLowPct) {
        expect(low?.kind, name).toBe('low-adherence');
        const evidence = low?.kind === 'low-adherence' ? low.evidence : null;
        expect(evidence?.adherencePct, name).toBeCloseTo(alertExpected.pct, 9);
        expect(evidence?.prescribed, name).toBeCloseTo(alertExpected.prescribed, 1);
        lowAlerts++;
      } else {
        expect(low, name).toBeUndefined();
      }
      // The patient page: its latest week (ending today) by the same function.
      const trends = await getPatientTrends(sam, patient.id, 4);
      const latest = trends.adherence.at(-1);
      const weekExpected = adherence(raw.items, raw.completions, addDays(today, -6), today);
      expect(latest?.weekEnd, name).toBe(today);
      if (weekExpected.pct === null) expect(latest?.pct, name).toBeNull();
      else expect(latest?.pct, name).toBeCloseTo(weekExpected.pct, 9);
      expect(latest?.prescribed, name).toBeCloseTo(weekExpected.prescribed, 1);
      if (weekExpected.pct !== null) computed++;
    }
    // The demo has figures to compare, and at least one patient below the line (Hannah, 30%).
    expect(computed).toBeGreaterThan(5);
    expect(table.rows.filter((r) => r.adherencePct !== null).length).toBeGreaterThan(5);
    // Sorted by the stored figure, lowest first, patients without one last.
    const sorted = (await listPatients(sam, { sort: 'adherence', dir: 'asc', pageSize: 100 })).rows.map((r) => r.adherencePct);
    const known = sorted.filter((p): p is number => p !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(sorted.slice(known.length).every((p) => p === null)).toBe(true);
    expect(lowAlerts).toBeGreaterThan(0);
  });

  it('a program created today is too early: no figure, no alert (never 0%)', async () => {
    const sam = await demoUser('sam@riverside.example');
    const today = localDate(new Date(), sam.timeZone);
    const patient = await createPatient(sam.practiceId, { treatingPhysioId: sam.userId });
    await createProgram(sam, patient.id, await sampleProgram({ startDate: today }));
    expect((await getPatientAlerts(sam, patient.id)).some((a) => a.kind === 'low-adherence')).toBe(false);
    const trends = await getPatientTrends(sam, patient.id, 4);
    expect(trends.adherence.at(-1)).toMatchObject({ weekEnd: today, pct: null, completed: 0 });
    // The table says "too early", not 0% (and not "no program").
    const row = (await listPatients(sam, { search: patient.lastName, pageSize: 100 })).rows.find((r) => r.id === patient.id);
    expect(row).toMatchObject({ adherencePct: null, adherence: 'too-early' });
  });
});
