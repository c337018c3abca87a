// The demo practice: believable runners with low back pain and 12 weeks of logs,
// plus a second practice so tenancy is visible. Deterministic (seeded PRNG) and
// dated relative to today, so the demo always looks current.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { exerciseCompletions, exercises, measureResponses, measureSchedules, painReports, patients, practices, sessionCheckIns, trainingSessions, users, type PracticeSettings, type Role } from './schema';
import { scoreResponse } from '@/lib/analytics/measures';
import { getMeasure } from '@/lib/content/measures';
import type { Actor } from '@/lib/access/actor';
import { hashPassword } from '@/lib/auth/password';
import { getLibrary } from '@/lib/content/loader';
import { refreshAlertState } from '@/lib/data/alert-state';
import { logPain } from '@/lib/data/entries';
import { closeSafetyAlert } from '@/lib/data/safety-alerts';
import { createProgram, getActiveProgram } from '@/lib/data/programs';
import { addDays, localDate } from '@/lib/dates';
import { SEED_USER_AGENT } from '@/lib/audit/user-agent';
import { SAFETY_DEFAULTS } from '@/lib/safety/settings';
import type { ScreeningFlagKey } from '@/lib/validation/screening';
import { redFlagsOf } from '@/lib/validation/symptoms';

export const DEMO_PASSWORD = 'loadline-demo';

export const defaultPracticeSettings = (): PracticeSettings => ({
  sessionIdleMinutes: 60,
  painWorseMinPoints: 2,
  acwrSpike: 1.5,
  weeklyDistanceRedPct: 30,
  adherenceLowPct: 50,
  inactivityDays: 14,
  safetyInbox: null,
  ...SAFETY_DEFAULTS,
});

export type DemoLogin = { role: string; email: string; name: string };

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Scenario = 'steady' | 'improving' | 'spike-then-flare' | 'red-flag' | 'inactive' | 'worsening';

const TEMPLATE_FOR: Record<Scenario, string> = {
  steady: 'runners-low-back-phase-2',
  improving: 'runners-low-back-phase-2',
  'spike-then-flare': 'core-stability-for-runners',
  'red-flag': 'runners-low-back-phase-1',
  inactive: 'runners-low-back-phase-1',
  worsening: 'runners-low-back-phase-1',
};
const ADHERENCE: Record<Scenario, number> = { steady: 0.8, improving: 0.9, 'spike-then-flare': 0.75, 'red-flag': 0.7, inactive: 0.6, worsening: 0.3 };

type DemoPatient = {
  first: string;
  last: string;
  dob: string;
  condition: string;
  scenario: Scenario;
  physio: 'sam' | 'jo';
  portal?: string;
  status?: 'active' | 'discharged' | 'archived';
  screening?: ScreeningFlagKey[];
};

const RIVERSIDE_PATIENTS: DemoPatient[] = [
  { first: 'Priya', last: 'Shah', dob: '1988-04-12', condition: 'Non-specific low back pain, marathon build', scenario: 'spike-then-flare', physio: 'sam', portal: 'priya@patients.example' },
  { first: 'Tom', last: 'Becker', dob: '1979-09-30', condition: 'Low back pain after half-marathon', scenario: 'improving', physio: 'sam', portal: 'tom@patients.example' },
  { first: 'Maria', last: 'Lopez', dob: '1991-01-05', condition: 'Low back pain with leg symptoms', scenario: 'red-flag', physio: 'jo', portal: 'maria@patients.example' },
  { first: 'Daniel', last: 'Okafor', dob: '1995-06-21', condition: 'Thoracic stiffness, upper-back pain', scenario: 'steady', physio: 'jo' },
  { first: 'Hannah', last: 'Kim', dob: '1984-11-02', condition: 'Lumbar strain, trail runner', scenario: 'worsening', physio: 'sam' },
  { first: 'Lukas', last: 'Novak', dob: '1976-03-17', condition: 'Recurrent low back pain', scenario: 'inactive', physio: 'jo' },
  { first: 'Aisha', last: 'Rahman', dob: '1999-08-08', condition: 'Low back pain, returning to running', scenario: 'improving', physio: 'jo', portal: 'aisha@patients.example' },
  { first: 'George', last: 'Evans', dob: '1969-12-24', condition: 'Degenerative disc changes with known left sciatica, parkrun', scenario: 'steady', physio: 'sam', screening: ['age-at-onset'] },
  { first: 'Sofia', last: 'Rossi', dob: '1993-05-14', condition: 'Sacroiliac joint pain', scenario: 'steady', physio: 'sam' },
  { first: 'Ben', last: 'Carter', dob: '1987-02-27', condition: 'Hip flexor tightness, lordotic posture', scenario: 'improving', physio: 'jo' },
  { first: 'Chloe', last: 'Martin', dob: '1990-10-19', condition: 'Low back pain, resolved', scenario: 'steady', physio: 'sam', status: 'discharged' },
  { first: 'Omar', last: 'Haddad', dob: '1982-07-03', condition: 'Upper-back pain, desk worker and runner', scenario: 'steady', physio: 'jo' },
];

const WEEKS = 12;

/** Pain for day i of the 84 (0 = oldest), before noise. */
function painCurve(scenario: Scenario, i: number, days: number): number {
  const t = i / (days - 1);
  switch (scenario) {
    case 'improving': return 6.5 - 4.5 * t;
    case 'spike-then-flare': return i < days - 12 ? 3 : 3 + (i - (days - 12)) * 0.35;
    case 'worsening': return 2.5 + 3 * t;
    case 'red-flag': return i < days - 5 ? 4 : 6;
    default: return 3.5;
  }
}

/** Weekly running volume multiplier for week w (0 = oldest). */
function loadCurve(scenario: Scenario, week: number): number {
  if (scenario === 'improving') return 0.6 + 0.05 * week;
  return 1;
}

async function seedLogs(db: Db, practiceId: string, patientId: string, p: DemoPatient, today: string, rand: () => number) {
  const days = WEEKS * 7;
  const start = addDays(today, -(days - 1));
  const lastLogDay = p.scenario === 'inactive' ? days - 17 : days - 1;
  const pain: (typeof painReports.$inferInsert)[] = [];
  const sessions: (typeof trainingSessions.$inferInsert)[] = [];
  // Pain during sessions and the next-morning check-ins draw from their own sequence, so
  // the pain, load and ticks of every demo patient stay what they were before these existed.
  const monitoringRand = prng([...`${p.first} ${p.last}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const painDuringOn = (i: number) => {
    const value = Math.round(painCurve(p.scenario, i, days) + (monitoringRand() - 0.4) * 2.5);
    return monitoringRand() < 0.85 ? Math.max(0, Math.min(10, value)) : null;
  };
  for (let i = 0; i <= lastLogDay; i++) {
    const date = addDays(start, i);
    if (rand() < 0.8 || i === lastLogDay) {
      const score = Math.max(0, Math.min(10, Math.round(painCurve(p.scenario, i, days) + (rand() - 0.5) * 2)));
      // Warning signs are not bulk-inserted: seedWarningSigns logs them through the real path.
      const legDay = p.scenario === 'red-flag' && i >= days - 5;
      const symptoms = score >= 5 ? ['stiffness'] : [];
      // Reported in the evening (today's: two minutes before the seed ran, never in the
      // future, so what a user logs next sorts after it), dated on its day.
      const reportedAt = new Date(Math.min(Date.parse(`${date}T19:30:00Z`), Date.now() - 120_000));
      pain.push({
        practiceId, patientId, score, reportedAt, createdAt: reportedAt, localDate: date,
        locations: legDay ? ['lower-back', 'leg-left'] : ['lower-back'],
        timing: rand() < 0.5 ? 'after-run' : 'morning',
        symptoms, redFlags: redFlagsOf(symptoms), source: 'patient',
      });
    }
    const week = Math.floor(i / 7);
    const dow = i % 7;
    // The spike story: two runs a week, then running every day of the last week, longer.
    const spiking = p.scenario === 'spike-then-flare' && i >= days - 7;
    const usual = p.scenario === 'spike-then-flare' ? dow === 2 || dow === 6 : dow === 1 || dow === 3 || dow === 5 || (dow === 6 && rand() < 0.6);
    const runDay = spiking || usual;
    if (runDay) {
      const long = dow === 6;
      const baseMin = long ? 60 : 35 + rand() * 10;
      const durationMin = Math.round(baseMin * loadCurve(p.scenario, week) * (spiking ? 1.1 : 1));
      const paceMinPerKm = 5.6 + rand() * 0.8;
      sessions.push({
        practiceId, patientId, activity: 'run', localDate: date, durationMin,
        distanceKm: Math.round((durationMin / paceMinPerKm) * 10) / 10,
        rpe: Math.min(10, Math.round((long ? 6 : 4) + rand() * 2 + (spiking ? 1 : 0))),
        terrain: rand() < 0.3 ? 'hills' : 'flat', source: 'patient', painDuring: painDuringOn(i),
      });
    } else if (dow === 2 && rand() < 0.7) {
      sessions.push({ practiceId, patientId, activity: 'strength', localDate: date, durationMin: 30, rpe: 5, source: 'patient', painDuring: painDuringOn(i) });
    }
  }
  if (pain.length) await db.insert(painReports).values(pain);
  if (!sessions.length) return;
  const stored = await db.insert(trainingSessions).values(sessions).returning({ id: trainingSessions.id, date: trainingSessions.localDate });
  // Next-morning check-ins for the sessions of the last two weeks, except yesterday's and
  // today's (still open in the portal): a flaring back is often worse the next morning.
  const flaring = p.scenario === 'spike-then-flare' || p.scenario === 'worsening';
  const recent = stored
    .filter((s) => s.date >= addDays(today, -14) && s.date < addDays(today, -1) && monitoringRand() < 0.85)
    .map((s) => ({
      practiceId, patientId, sessionId: s.id, answeredOn: addDays(s.date, 1),
      morningAfter: flaring && s.date >= addDays(today, -7) && monitoringRand() < 0.6 ? ('worse' as const) : monitoringRand() < 0.3 ? ('better' as const) : ('usual' as const),
    }));
  // And most older ones (a patient misses a few): without them the patient page's "pain during"
  // chart was grey "not known yet" for every session before the last two weeks. Their own
  // sequence, so the recent check-ins (and the alerts they feed) stay what they were.
  const olderRand = prng([...`${p.last} ${p.first}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 11));
  const older = stored
    .filter((s) => s.date < addDays(today, -14) && olderRand() < 0.85)
    .map((s) => ({ practiceId, patientId, sessionId: s.id, answeredOn: addDays(s.date, 1), morningAfter: olderRand() < 0.3 ? ('better' as const) : ('usual' as const) }));
  const checkIns = [...older, ...recent];
  if (checkIns.length) await db.insert(sessionCheckIns).values(checkIns);
}

/** A program from a template through the data layer (as the treating physio), with ticks for the last 6 weeks. */
async function seedProgram(db: Db, physio: Actor, patientId: string, p: DemoPatient, today: string, rand: () => number) {
  const template = getLibrary().templates.find((t) => t.slug === (p.condition.toLowerCase().includes('upper-back') || p.condition.toLowerCase().includes('thoracic') ? 'upper-back-posture' : TEMPLATE_FOR[p.scenario]));
  if (!template) throw new Error('demo template missing');
  const rows = await db.select({ id: exercises.id, slug: exercises.slug }).from(exercises).where(and(isNull(exercises.practiceId), inArray(exercises.slug, template.items.map((i) => i.exercise))));
  const idOf = new Map(rows.map((r) => [r.slug, r.id]));
  const start = addDays(today, -41);
  await createProgram(physio, patientId, {
    title: template.title,
    startDate: start,
    goals: template.goals.join('\n'),
    articleSlugs: template.articles,
    templateSlug: template.slug,
    items: template.items.map(({ exercise, notes, ...dosage }) => ({ exerciseId: idOf.get(exercise) ?? '', ...dosage, notes })),
  }, { templateMeasures: false }); // seedMeasures tells the measure stories; six-week-old intake questionnaires for everyone would bury them.
  const program = await getActiveProgram(physio, patientId);
  if (!program) return;
  const lastDay = p.scenario === 'inactive' ? 17 : 0;
  const ticks: (typeof exerciseCompletions.$inferInsert)[] = [];
  for (let back = 41; back >= lastDay; back--) {
    const date = addDays(today, -back);
    for (const item of program.items) {
      if (rand() < ADHERENCE[p.scenario] * (item.sessionsPerWeek / 7)) {
        ticks.push({ practiceId: physio.practiceId, patientId, programItemId: item.id, completedOn: date, source: 'patient', idempotencyKey: `seed-${item.id}-${date}` });
      }
    }
  }
  if (ticks.length) await db.insert(exerciseCompletions).values(ticks);
}

/** Move a warning-sign story back in time (seed only): the alert, its reports and notifications by `hours`. */
async function backdate(db: Db, alertId: string, hours: number) {
  const by = sql`${`${hours} hours`}::interval`;
  await db.execute(sql`UPDATE safety_alerts SET opened_at = opened_at - ${by}, tier_since = tier_since - ${by}, last_report_at = last_report_at - ${by},
    closed_at = closed_at - ${by} + interval '40 minutes', escalate_at = escalate_at - ${by} WHERE id = ${alertId}`);
  await db.execute(sql`UPDATE pain_reports SET created_at = created_at - ${by}, reported_at = reported_at - ${by} WHERE safety_alert_id = ${alertId}`);
  await db.execute(sql`UPDATE safety_notifications SET created_at = created_at - ${by} WHERE alert_id = ${alertId}`);
}

/**
 * The warning-sign stories, through the same code path as a real report (tiers, alerts,
 * who is told; without a mail server the notifications say "not emailed"):
 * Maria's numbness was handled by phone yesterday, and today she reports saddle numbness
 * (an emergency that must not hide behind the closed alert); George's known sciatica was
 * closed as "known and managed" last week and is back (same day); Hannah's pain woke her
 * last night (review).
 */
async function seedWarningSigns(db: Db, ids: Map<string, { id: string; userId: string | null }>, jo: Actor, sam: Actor) {
  const maria = ids.get('Maria');
  const george = ids.get('George');
  const hannah = ids.get('Hannah');
  if (!maria?.userId || !george || !hannah) throw new Error('demo patients missing');
  const mariaActor: Actor = { ...jo, userId: maria.userId, roles: ['patient'], patientId: maria.id, name: 'Maria Lopez', email: 'maria@patients.example' };
  const today = localDate(new Date(), jo.timeZone);
  const key = (name: string) => `seed-${name}-${today}`;
  const first = await logPain(mariaActor, { idempotencyKey: key('maria-1'), score: 6, locations: ['lower-back', 'leg-left'], symptoms: ['leg-numbness', 'stiffness'], date: addDays(today, -1) });
  await closeSafetyAlert(jo, { alertId: first.safetyAlertId ?? '', action: 'called-patient', note: 'Tingling left calf after long run, no weakness. Advised no running this week; review Thursday.' });
  await backdate(db, first.safetyAlertId ?? '', 26);
  await logPain(mariaActor, { idempotencyKey: key('maria-2'), score: 7, locations: ['lower-back', 'leg-left', 'leg-right'], symptoms: ['saddle-numbness', 'leg-numbness'], notes: 'Feels numb when I sit on the toilet.' });

  const known = await logPain(sam, { patientId: george.id, idempotencyKey: key('george-1'), score: 4, locations: ['lower-back', 'leg-left'], symptoms: ['pain-below-knee'], date: addDays(today, -8) });
  await closeSafetyAlert(sam, { alertId: known.safetyAlertId ?? '', action: 'known-and-managed', note: 'Known left S1 sciatica for two years, stable; he knows which changes to phone about.' });
  await backdate(db, known.safetyAlertId ?? '', 7 * 24);
  const again = await logPain(sam, { patientId: george.id, idempotencyKey: key('george-2'), score: 5, locations: ['lower-back', 'leg-left'], symptoms: ['pain-below-knee'], date: addDays(today, -1) });
  await backdate(db, again.safetyAlertId ?? '', 18);

  await logPain(sam, { patientId: hannah.id, idempotencyKey: key('hannah-1'), score: 5, locations: ['lower-back'], symptoms: ['sleep-disturbed'], notes: 'Phoned in: pain woke her at 3 am.' });
}

const staffActor = (practiceId: string, userId: string, name: string, timeZone: string): Actor => ({
  userId, practiceId, roles: ['physio'], patientId: null, name, email: 'seed@loadline.local', timeZone, distanceUnit: 'km', ip: null, userAgent: SEED_USER_AGENT,
});

async function createUser(db: Db, practiceId: string, email: string, name: string, roles: Role[], passwordHash: string, patientId?: string) {
  const [row] = await db
    .insert(users)
    .values({ practiceId, email, name, roles, passwordHash, status: 'active', patientId: patientId ?? null })
    .returning({ id: users.id });
  if (!row) throw new Error(`could not create ${email}`);
  return row.id;
}

/** Seed the demo practices unless they exist. Returns the demo logins (all share DEMO_PASSWORD). */
export async function seedDemo(db: Db, options: { today?: string } = {}): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const logins: DemoLogin[] = [
    { role: 'admin (practice manager)', email: 'admin@riverside.example', name: 'Alex Morgan' },
    { role: 'physio + admin (owner)', email: 'sam@riverside.example', name: 'Sam Patel' },
    { role: 'physio', email: 'jo@riverside.example', name: 'Jo Lee' },
    ...RIVERSIDE_PATIENTS.filter((p) => p.portal).map((p) => ({ role: `patient (${p.scenario})`, email: p.portal ?? '', name: `${p.first} ${p.last}` })),
    { role: 'physio, other practice', email: 'kai@harbour.example', name: 'Kai Jensen' },
  ];
  const existing = await db.select({ id: practices.id }).from(practices).where(eq(practices.slug, 'riverside')).limit(1);
  if (existing.length > 0) return { created: false, logins };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rand = prng(20260101);
  const timeZone = 'Europe/London';
  const today = options.today ?? localDate(new Date(), timeZone);

  const [riverside] = await db
    .insert(practices)
    .values({ name: 'Riverside Physiotherapy', slug: 'riverside', timeZone, distanceUnit: 'km', settings: { ...defaultPracticeSettings(), phone: '020 7946 0321' } })
    .returning({ id: practices.id });
  if (!riverside) throw new Error('could not create the demo practice');
  await createUser(db, riverside.id, 'admin@riverside.example', 'Alex Morgan', ['admin'], passwordHash);
  const sam = await createUser(db, riverside.id, 'sam@riverside.example', 'Sam Patel', ['physio', 'admin'], passwordHash);
  const jo = await createUser(db, riverside.id, 'jo@riverside.example', 'Jo Lee', ['physio'], passwordHash);

  const riversidePatients: string[] = [];
  const patientIdOf = new Map<string, { id: string; userId: string | null }>();
  for (const p of RIVERSIDE_PATIENTS) {
    const [row] = await db
      .insert(patients)
      .values({
        practiceId: riverside.id,
        firstName: p.first,
        lastName: p.last,
        dateOfBirth: p.dob,
        email: p.portal ?? `${p.first.toLowerCase()}.${p.last.toLowerCase()}@mail.example`,
        phone: `07700 900${String(100 + RIVERSIDE_PATIENTS.indexOf(p)).padStart(3, '0')}`,
        condition: p.condition,
        treatingPhysioId: p.physio === 'sam' ? sam : jo,
        goals: 'Run pain-free; build back to regular weekly mileage.',
        status: p.status ?? 'active',
        baselineDate: addDays(today, -(WEEKS * 7 - 1)),
        screeningFlags: p.screening ?? [],
        createdBy: p.physio === 'sam' ? sam : jo,
      })
      .returning({ id: patients.id });
    if (!row) throw new Error('could not create a demo patient');
    const userId = p.portal ? await createUser(db, riverside.id, p.portal, `${p.first} ${p.last}`, ['patient'], passwordHash, row.id) : null;
    patientIdOf.set(p.first, { id: row.id, userId });
    await seedLogs(db, riverside.id, row.id, p, today, rand);
    if ((p.status ?? 'active') === 'active') {
      const physio = p.physio === 'sam' ? staffActor(riverside.id, sam, 'Sam Patel', timeZone) : staffActor(riverside.id, jo, 'Jo Lee', timeZone);
      await seedProgram(db, physio, row.id, p, today, rand);
    }
    riversidePatients.push(row.id);
  }
  // The stories need today's clock (a report cannot be dated in the future).
  if (today === localDate(new Date(), timeZone)) {
    await seedWarningSigns(db, patientIdOf, staffActor(riverside.id, jo, 'Jo Lee', timeZone), staffActor(riverside.id, sam, 'Sam Patel', timeZone));
  }
  await seedMeasures(db, riverside.id, patientIdOf, { sam, jo }, today);
  await refreshAlertState(riverside.id, riversidePatients, today);

  // A second practice: its people must never see Riverside's, and vice versa.
  const [harbour] = await db
    .insert(practices)
    .values({ name: 'Harbour Sports Clinic', slug: 'harbour', timeZone: 'America/New_York', distanceUnit: 'mi', settings: { ...defaultPracticeSettings(), phone: '(212) 555-0147' } })
    .returning({ id: practices.id });
  if (!harbour) throw new Error('could not create the second practice');
  const kai = await createUser(db, harbour.id, 'kai@harbour.example', 'Kai Jensen', ['physio', 'admin'], passwordHash);
  for (const [first, last] of [['Noah', 'Williams'], ['Emma', 'Brown'], ['Liam', 'Garcia']] as const) {
    const [row] = await db
      .insert(patients)
      .values({ practiceId: harbour.id, firstName: first, lastName: last, dateOfBirth: '1990-01-01', condition: 'Low back pain', treatingPhysioId: kai, status: 'active', createdBy: kai })
      .returning({ id: patients.id });
    if (row) await seedLogs(db, harbour.id, row.id, { first, last, dob: '1990-01-01', condition: '', scenario: 'steady', physio: 'sam' }, today, rand);
    if (row) await refreshAlertState(harbour.id, [row.id]);
  }
  return { created: true, logins };
}

/**
 * Outcome measures for three stories: Tom's PSFS improved, Priya's got worse with her flare,
 * George's stayed the same. Each is asked every 4 weeks from 6 weeks ago, answered at intake
 * and at the 4-week follow-up, so none is due today (Maria's is left for the portal demo).
 */
async function seedMeasures(db: Db, practiceId: string, patientIdOf: Map<string, { id: string; userId: string | null }>, staff: { sam: string; jo: string }, today: string) {
  const psfs = getMeasure('patient-specific-functional-scale');
  if (!psfs) return;
  const stories: { first: string; physio: string; activities: string[]; ratings: [number[], number[]]; secondDaysAgo: number }[] = [
    { first: 'Tom', physio: staff.sam, activities: ['Running 10 km', 'Sitting through a long drive', 'Tying my shoes'], ratings: [[3, 4, 2], [6, 7, 5]], secondDaysAgo: 14 },
    { first: 'Priya', physio: staff.sam, activities: ['Long run on Sunday', 'Hill repeats', 'Sleeping through the night'], ratings: [[7, 6, 7], [4, 5, 4]], secondDaysAgo: 7 },
    { first: 'George', physio: staff.sam, activities: ['parkrun without stopping', 'Gardening for an hour', 'Getting out of the car'], ratings: [[5, 6, 5], [5, 6, 6]], secondDaysAgo: 14 },
  ];
  for (const story of stories) {
    const patient = patientIdOf.get(story.first);
    if (!patient) continue;
    const start = addDays(today, -42);
    await db.insert(measureSchedules).values({ practiceId, patientId: patient.id, measureSlug: psfs.slug, atIntake: true, everyWeeks: 4, atDischarge: true, startDate: start, createdBy: story.physio });
    for (const [index, ratings] of story.ratings.entries()) {
      const answers = Object.fromEntries(story.activities.map((label, i) => [`activity-${i + 1}`, { label, value: ratings[i]! }]));
      const respondedOn = index === 0 ? start : addDays(today, -story.secondDaysAgo);
      const at = new Date(`${respondedOn}T18:00:00Z`);
      await db.insert(measureResponses).values({
        practiceId, patientId: patient.id, measureSlug: psfs.slug, contentVersion: psfs.contentVersion, answers, status: 'submitted',
        score: scoreResponse(psfs, answers).score, respondedOn, submittedAt: at, createdAt: at, updatedAt: at, enteredBy: patient.userId,
      });
    }
  }
}
