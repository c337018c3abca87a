import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alertAcknowledgements, exerciseCompletions, painReports, patients, practices, programItems, programs, safetyAlerts, sessionCheckIns, trainingSessions, users } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import { programItemSpan } from '@/lib/analytics/adherence';
import { patientAlerts, type AlertInput, type OpenWarningSigns } from '@/lib/analytics/alerts';
import { acknowledgeAlertAction } from '@/lib/actions/alerts/acknowledge-alert';
import { acknowledgeAlert, getCaseload, getPatientAlerts } from '@/lib/data/caseload';
import { logPain } from '@/lib/data/entries';
import { addDays, localDate } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPatient, createPractice, createStaff } from '../helpers/factories';
import { signInAs, signOut } from '../helpers/session';

const testDb = setupTestDb((handle) => seedDemo(handle.db));

async function demoUser(email: string) {
  const [user] = await testDb.db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(email);
  return actorFor(user);
}

describe('caseload dashboard on the demo practice', () => {
  it('puts the red-flag patient first and explains every alert with numbers', async () => {
    const sam = await demoUser('sam@riverside.example');
    const caseload = await getCaseload(sam, { scope: 'practice' });
    // The seed gives Maria a warning sign through the real logging path; which tier it
    // reaches (same day or emergency) is the seed's story, not this test's.
    expect(caseload.rows[0]).toMatchObject({ firstName: 'Maria' });
    const top = caseload.rows[0]!.alerts[0];
    expect(top?.kind).toBe('red-flag');
    expect(['urgent', 'emergency']).toContain(top?.severity);
    expect(caseload.rows[0]!.alerts.filter((a) => a.kind === 'red-flag')).toHaveLength(1);
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
      const checkIns = await testDb.db.select().from(sessionCheckIns).where(eq(sessionCheckIns.patientId, patient.id));
      const [open] = await testDb.db.select().from(safetyAlerts).where(and(eq(safetyAlerts.patientId, patient.id), eq(safetyAlerts.status, 'open')));
      const warningSigns: OpenWarningSigns | null = open
        ? { alertId: open.id, tier: open.tier, flags: open.flags, openedAt: open.openedAt.toISOString(), lastReportDate: open.lastReportDate, reportCount: open.reportCount }
        : null;
      const { getActiveProgram } = await import('@/lib/data/programs');
      const active = await getActiveProgram(sam, patient.id);
      const input: AlertInput = {
        pain: pain.filter((p) => p.voidedAt === null).map((p) => ({ date: p.localDate, score: p.score })),
        warningSigns,
        sessions: sessions.filter((s) => s.voidedAt === null).map((s) => ({ date: s.localDate, durationMin: s.durationMin, rpe: s.rpe, distanceKm: s.distanceKm, activity: s.activity })),
        // Every session with its next-morning check-in (the rule looks at the last 7 days itself).
        monitored: sessions.filter((s) => s.voidedAt === null).map((s) => ({ date: s.localDate, activity: s.activity, painDuring: s.painDuring, morningAfter: checkIns.find((c) => c.sessionId === s.id || c.sessionId === s.correctsId)?.morningAfter ?? null })),
        completions: ticks.filter((t) => t.voidedAt === null).map((t) => ({ date: t.completedOn })),
        prescribedPerWeek: active?.items.reduce((n, i) => n + i.sessionsPerWeek, 0) ?? 0,
        programStart: program?.startDate ?? null,
        baselineDate: patient.baselineDate,
        // Per exercise (lib/analytics/adherence.ts): each item with the days it was prescribed.
        adherence: {
          items: active
            ? (await testDb.db.select({ item: programItems, program: programs }).from(programItems).innerJoin(programs, eq(programs.id, programItems.programId)).where(eq(programs.patientId, patient.id)))
                .map(({ item, program: p }) => ({
                  id: item.id, sessionsPerWeek: item.sessionsPerWeek, title: active.items.find((i) => i.id === item.id)?.exercise.title,
                  ...programItemSpan({ programStart: p.startDate, programEnd: p.endDate, addedOn: item.createdAt <= p.createdAt ? null : localDate(item.createdAt, practice!.timeZone), removedOn: item.removedAt ? localDate(item.removedAt, practice!.timeZone) : null }),
                }))
            : [],
          completions: ticks.filter((t) => t.voidedAt === null).map((t) => ({ itemId: t.programItemId, date: t.completedOn })),
        },
      };
      const expected = patientAlerts(input, today).map((a) => ({ kind: a.kind, message: a.message }));
      const stored = (await getPatientAlerts(sam, patient.id)).map((a) => ({ kind: a.kind, message: a.message }));
      expect(stored, `${patient.firstName} ${patient.lastName}`).toEqual(expected);
    }
  });

  it('a physio sees their own patients by default and the whole practice on asking; another practice sees none of these', async () => {
    const jo = await demoUser('jo@riverside.example');
    const mine = await getCaseload(jo);
    expect(mine.scope).toBe('mine');
    expect(mine.rows.every((r) => r.treatingPhysioId === jo.userId)).toBe(true);
    const whole = await getCaseload(jo, { scope: 'practice' });
    expect(whole.rows.some((r) => r.treatingPhysioId !== jo.userId)).toBe(true);
    const kai = await demoUser('kai@harbour.example');
    const theirs = await getCaseload(kai, { scope: 'practice' });
    expect(theirs.rows.some((r) => r.firstName === 'Maria')).toBe(false);
    // "N of M active patients": M counts every active patient in scope, with alerts or without.
    const active = async (physioId?: string) =>
      (await testDb.db.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, jo.practiceId), eq(patients.status, 'active'), physioId ? eq(patients.treatingPhysioId, physioId) : undefined))).length;
    expect(mine.activePatients).toBe(await active(jo.userId));
    expect(whole.activePatients).toBe(await active());
    expect(whole.activePatients).toBeGreaterThan(mine.activePatients);
    expect(theirs.activePatients).toBe((await testDb.db.select({ id: patients.id }).from(patients).where(and(eq(patients.practiceId, kai.practiceId), eq(patients.status, 'active')))).length);
  });

  it('a warning sign cannot be acknowledged: it stays open until closed with an action', async () => {
    const jo = await demoUser('jo@riverside.example');
    const maria = (await getCaseload(jo)).rows.find((r) => r.firstName === 'Maria');
    expect(maria?.alerts.some((a) => a.kind === 'red-flag')).toBe(true);
    const refused = acknowledgeAlert(jo, maria!.patientId, 'red-flag');
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/warning sign/i) });
    const acks = await testDb.db.select().from(alertAcknowledgements).where(eq(alertAcknowledgements.patientId, maria!.patientId));
    expect(acks.filter((a) => a.kind === 'red-flag')).toEqual([]);
    expect((await getCaseload(jo)).rows.find((r) => r.firstName === 'Maria')?.alerts.some((a) => a.kind === 'red-flag')).toBe(true);
  });

  it('an acknowledged (non-warning-sign) alert leaves the list; another practice cannot acknowledge it', async () => {
    const jo = await demoUser('jo@riverside.example');
    // Any open trend alert of Jo's patients (Maria's first when she has one).
    const rows = (await getCaseload(jo)).rows.sort((a, b) => Number(b.firstName === 'Maria') - Number(a.firstName === 'Maria'));
    const row = rows.find((r) => r.alerts.some((a) => a.kind !== 'red-flag'));
    expect(row, 'a patient of Jo with a trend alert').toBeDefined();
    const kind = row!.alerts.find((a) => a.kind !== 'red-flag')!.kind;
    const kai = await demoUser('kai@harbour.example');
    await expect(acknowledgeAlert(kai, row!.patientId, kind)).rejects.toMatchObject({ code: 'not_found' });
    await acknowledgeAlert(jo, row!.patientId, kind);
    const after = (await getCaseload(jo)).rows.find((r) => r.patientId === row!.patientId);
    expect(after?.alerts.some((a) => a.kind === kind) ?? false).toBe(false);
    expect((await getPatientAlerts(jo, row!.patientId)).find((a) => a.kind === kind)?.acknowledged).toBe(true);
    // The acknowledgement keeps the alert's measure as it was: only a worse one brings it back.
    const [ack] = await testDb.db.select().from(alertAcknowledgements).where(and(eq(alertAcknowledgements.patientId, row!.patientId), eq(alertAcknowledgements.kind, kind)));
    expect(ack?.level).toBe(row!.alerts.find((a) => a.kind === kind)!.level);
    // A warning sign on the same patient is untouched by acknowledging another alert.
    const before = row!.alerts.some((a) => a.kind === 'red-flag');
    expect(after?.alerts.some((a) => a.kind === 'red-flag') ?? false).toBe(before);
  });

  it('acknowledging one alert twice, one after the other or at the same moment (two app instances), keeps one row', async () => {
    const sam = await demoUser('sam@riverside.example');
    const rows = (await getCaseload(sam, { scope: 'practice' })).rows.filter((r) => r.firstName !== 'Hannah');
    const targets = rows.flatMap((r) => r.alerts.filter((a) => a.kind !== 'red-flag').map((a) => ({ patientId: r.patientId, kind: a.kind }))).slice(0, 2);
    expect(targets.length, 'two open trend alerts in the demo practice').toBe(2);
    const rowsOf = async (t: { patientId: string; kind: string }) =>
      (await testDb.db.select().from(alertAcknowledgements).where(and(eq(alertAcknowledgements.patientId, t.patientId), eq(alertAcknowledgements.kind, t.kind)))).length;
    const [first, second] = targets as [(typeof targets)[number], (typeof targets)[number]];
    await acknowledgeAlert(sam, first.patientId, first.kind);
    await acknowledgeAlert(sam, first.patientId, first.kind);
    expect(await rowsOf(first)).toBe(1);
    await Promise.all([acknowledgeAlert(sam, second.patientId, second.kind), acknowledgeAlert(sam, second.patientId, second.kind), acknowledgeAlert(sam, second.patientId, second.kind)]);
    expect(await rowsOf(second)).toBe(1);
  });

  it("the dashboard's one form posts an alert as its item, \"patientId:kind\"; a malformed item is refused", async () => {
    const [samUser] = await testDb.db.select().from(users).where(eq(users.email, 'sam@riverside.example'));
    const sam = await actorFor(samUser!);
    const row = (await getCaseload(sam, { scope: 'practice' })).rows.find((r) => r.alerts.some((a) => a.kind !== 'red-flag'));
    expect(row, 'an open trend alert in the demo practice').toBeDefined();
    const kind = row!.alerts.find((a) => a.kind !== 'red-flag')!.kind;
    signInAs(samUser!);
    const posted = new FormData();
    posted.set('item', `${row!.patientId}:${kind}`);
    expect(await acknowledgeAlertAction(null, posted)).toEqual({ ok: true, data: null });
    expect((await getPatientAlerts(sam, row!.patientId)).find((a) => a.kind === kind)?.acknowledged).toBe(true);
    expect(await acknowledgeAlertAction(null, { item: `${row!.patientId}:not-a-kind` })).toMatchObject({ ok: false, fieldErrors: { kind: expect.any(Array) } });
    expect(await acknowledgeAlertAction(null, { item: 'nonsense' })).toMatchObject({ ok: false });
    // The parts are split at the ':' itself, not at a fixed place: another character there is no separator.
    expect(await acknowledgeAlertAction(null, { item: `${row!.patientId}X${kind}` })).toMatchObject({ ok: false });
    signOut();
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

  it('an acknowledgement holds for a measure that is not a round number (pain +2.333…)', async () => {
    // Baseline: 3 on today − 10 (the only day of that week); this week 5, 5, 6 = 16 / 3 ≈ 5.333:
    // change 7 / 3 = 2.333… ≥ max(2 points, 30% of 3) fires pain-worse with level 2.333….
    const practice = await createPractice();
    const physio = await actorFor(await createStaff(practice.id, ['physio']));
    const today = localDate(new Date(), practice.timeZone);
    const patient = await createPatient(practice.id, { treatingPhysioId: physio.userId, baselineDate: addDays(today, -10) });
    const log = (days: number, score: number) =>
      logPain(physio, { patientId: patient.id, idempotencyKey: `non-round-${days}`, score, locations: [], symptoms: [], date: addDays(today, days) });
    for (const [days, score] of [[-10, 3], [-2, 5], [-1, 5], [0, 6]] as const) await log(days, score);
    const alert = (await getPatientAlerts(physio, patient.id)).find((a) => a.kind === 'pain-worse');
    expect(alert?.level).toBeCloseTo(7 / 3, 12);
    await acknowledgeAlert(physio, patient.id, 'pain-worse');
    expect((await getPatientAlerts(physio, patient.id)).find((a) => a.kind === 'pain-worse')?.acknowledged).toBe(true);
    expect((await getCaseload(physio)).rows.find((r) => r.patientId === patient.id)?.alerts.some((a) => a.kind === 'pain-worse') ?? false).toBe(false);
  });
});
