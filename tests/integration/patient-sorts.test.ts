import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { patientAlertState, patients } from '@/db/schema';
import { listPatients, type PatientListRow } from '@/lib/data/patients';
import { localDate } from '@/lib/dates';
import { PATIENT_SORTS } from '@/lib/validation/patient-list';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPractice, createStaff } from '../helpers/factories';

// The patients table reads each sort's first page off an index (issue 18): every patient has
// an alert-state row from a trigger, the orders break ties by id in their own direction, and
// the physio sort reads only the physios on the requested page. Whatever the shortcut, paging
// through a sort must give the same rows in the same order as one page holding them all.

const testDb = setupTestDb();

/** A small deterministic generator (ties and empty values on purpose). */
function generator(seed: number) {
  let x = seed | 0 || 1;
  return (n: number) => {
    // xorshift32: integer-exact, unlike a multiply that overflows a double's 53 bits.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

const day = (offset: number) => new Date(Date.UTC(2026, 10, 1 + offset)).toISOString().slice(0, 10);

describe('patients table sorts', () => {
  it('every patient gets an alert-state row when created, stale until the refresh computes it', async () => {
    const practice = await createPractice();
    const patient = await createPatient(practice.id);
    const [row] = await testDb.db.select().from(patientAlertState).where(eq(patientAlertState.patientId, patient.id));
    expect(row).toMatchObject({ practiceId: practice.id, openCount: 0, alerts: [] });
    expect(row!.asOf < new Date().toISOString().slice(0, 10)).toBe(true);
  });

  it('pages of every sort, both directions, match one page holding every row', async () => {
    const practice = await createPractice();
    const other = await createPractice();
    const owner = await createStaff(practice.id);
    // Two physios share a name: their patients interleave by patient name under the physio sort.
    const physios = [owner, await createStaff(practice.id, ['physio'], { name: 'Jo Lee' }), await createStaff(practice.id, ['physio'], { name: 'Jo Lee' }), await createStaff(practice.id, ['physio'], { name: 'Ana Bell' })];
    const actor = await actorFor(owner);
    const random = generator(7);
    const lastNames = ['Adams', 'Brown', 'Brown', 'Chen', 'Diaz', 'Evans'];
    for (let i = 0; i < 40; i++) {
      const p = await createPatient(practice.id, {
        firstName: ['Ann', 'Bo', 'Cy'][random(3)]!,
        lastName: lastNames[random(lastNames.length)]!,
        dateOfBirth: random(4) === 0 ? null : `19${50 + random(40)}-0${1 + random(9)}-1${random(9)}`,
        treatingPhysioId: random(5) === 0 ? null : physios[random(physios.length)]!.id,
        status: random(8) === 0 ? 'discharged' : 'active',
      });
      await testDb.db
        .update(patientAlertState)
        // Fresh as of today, so listing does not recompute them from (no) logs first.
        .set({
          asOf: localDate(new Date(), practice.timeZone),
          lastPainDate: random(4) === 0 ? null : day(random(6)),
          lastPainScore: random(10),
          lastActivityDate: random(5) === 0 ? null : day(random(6)),
          adherencePct: random(3) === 0 ? null : [0, 50, 100][random(3)]!,
        })
        .where(eq(patientAlertState.patientId, p.id));
    }
    await createPatient(other.id, { lastName: 'Adams' });
    const [{ n: active }] = await testDb.db.select({ n: sql<number>`count(*)::int` }).from(patients).where(sql`${patients.practiceId} = ${practice.id} AND ${patients.status} = 'active'`) as [{ n: number }];

    expect(active).toBeGreaterThan(25);
    for (const sort of PATIENT_SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const all = await listPatients(actor, { sort, dir, pageSize: 100 });
        expect(all.total, `${sort} ${dir}`).toBe(active);
        expect(new Set(all.rows.map((r) => r.id)).size, `${sort} ${dir}`).toBe(active);
        const paged: PatientListRow[] = [];
        for (let page = 1; page <= Math.ceil(active / 7) + 1; page++) {
          const result = await listPatients(actor, { sort, dir, pageSize: 7, page });
          expect(result.total, `${sort} ${dir} page ${page}`).toBe(active);
          paged.push(...result.rows);
        }
        expect(paged.map((r) => r.id), `${sort} ${dir}`).toEqual(all.rows.map((r) => r.id));
        // Empty values: no last pain first ascending and last descending; no adherence figure,
        // no date of birth and no physio last in both directions.
        const last = <T,>(values: (T | null)[]) => values.findIndex((v) => v === null) === -1 || values.slice(values.findIndex((v) => v === null)).every((v) => v === null);
        if (sort === 'lastPain') {
          expect(new Set(all.rows.map((r) => r.lastPain?.date ?? null)).size).toBeGreaterThan(3);
          const dates = all.rows.map((r) => r.lastPain?.date ?? null);
          expect(dir === 'desc' ? last(dates) : last([...dates].reverse()), `${sort} ${dir}`).toBe(true);
        }
        if (sort === 'adherence') expect(last(all.rows.map((r) => r.adherencePct)), `${sort} ${dir}`).toBe(true);
        if (sort === 'age') expect(last(all.rows.map((r) => r.dateOfBirth)), `${sort} ${dir}`).toBe(true);
        if (sort === 'physio') expect(last(all.rows.map((r) => r.treatingPhysioId)), `${sort} ${dir}`).toBe(true);
      }
    }
    // The physio sort among patients with open alerts (it then counts through the alert rows).
    await testDb.db.update(patientAlertState).set({ openCount: 1 }).where(sql`${patientAlertState.practiceId} = ${practice.id} AND ${patientAlertState.lastActivityDate} IS NOT NULL`);
    const alerting = await listPatients(actor, { sort: 'physio', withAlerts: true, pageSize: 100 });
    expect(alerting.rows.length).toBeGreaterThan(0);
    expect(alerting.rows.length).toBeLessThan(active);
    const alertingPaged: PatientListRow[] = [];
    for (let page = 1; page <= Math.ceil(alerting.total / 5); page++) alertingPaged.push(...(await listPatients(actor, { sort: 'physio', withAlerts: true, pageSize: 5, page })).rows);
    expect(alertingPaged.map((r) => r.id)).toEqual(alerting.rows.map((r) => r.id));
    // The physio sort with a filter and past the end.
    const mine = await listPatients(actor, { sort: 'physio', physioId: owner.id, pageSize: 100 });
    expect(mine.rows.every((r) => r.treatingPhysioId === owner.id)).toBe(true);
    expect(await listPatients(actor, { sort: 'physio', page: 99, pageSize: 7 })).toMatchObject({ rows: [], total: active });
  });
});
