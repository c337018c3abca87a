// Fuzzed input (fast-check) for every zod-validated server action. Two properties each:
//  - valid input (generated inside every limit, with unicode, HTML and SQL in the text)
//    is accepted, stored exactly once and reads back equal to what was sent (as parsed);
//  - hostile input (a valid input with one field swapped for a huge string, control or
//    lone-surrogate characters, SQL or HTML, a wrong type, a deep object, a dropped or
//    extra key, or no object at all) never throws: it is refused with field errors (or
//    "not found" / "conflict") and writes nothing, or, when it happens to be valid, it is
//    stored as above.
// FUZZ_SCALE (default 1) multiplies the number of runs.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exerciseCompletions, exercises, painReports, patients, practices, measureResponses, programItems, programs, safetyAlerts, sessionCheckIns, trainingSessions, users } from '@/db/schema';
import { changeUserRolesAction } from '@/lib/actions/admin/change-user-roles';
import { inviteStaffAction } from '@/lib/actions/admin/invite-staff';
import { issuePasswordResetAction } from '@/lib/actions/admin/issue-password-reset';
import { reassignPatientsAction } from '@/lib/actions/admin/reassign-patients';
import { resendInviteAction } from '@/lib/actions/admin/resend-invite';
import { resetTwoFactorAction } from '@/lib/actions/admin/reset-two-factor';
import { setUserStatusAction } from '@/lib/actions/admin/set-user-status';
import { updatePracticeSettingsAction } from '@/lib/actions/admin/update-practice-settings';
import { acknowledgeAlertAction } from '@/lib/actions/alerts/acknowledge-alert';
import { closeSafetyAlertAction } from '@/lib/actions/alerts/close-safety-alert';
import { CLOSE_ACTIONS } from '@/lib/validation/safety';
import { completeExerciseAction } from '@/lib/actions/entries/complete-exercise';
import { correctPainAction } from '@/lib/actions/entries/correct-pain';
import { correctSessionAction } from '@/lib/actions/entries/correct-session';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { checkInSessionAction } from '@/lib/actions/entries/check-in-session';
import { saveMeasureResponseAction } from '@/lib/actions/measures/save-measure-response';
import { MORNING_AFTER } from '@/lib/validation/vocabulary';
import { voidEntryAction } from '@/lib/actions/entries/void-entry';
import { createExerciseAction } from '@/lib/actions/exercises/create-exercise';
import { retireExerciseAction } from '@/lib/actions/exercises/retire-exercise';
import { updateExerciseAction } from '@/lib/actions/exercises/update-exercise';
import { invitePatientAction } from '@/lib/actions/invites/invite-patient';
import { setPasswordAction } from '@/lib/actions/invites/set-password';
import { formDataToObject, type ActionResult } from '@/lib/actions/result';
import { createPatientAction } from '@/lib/actions/patients/create-patient';
import { setPatientStatusAction } from '@/lib/actions/patients/set-patient-status';
import { updatePatientAction } from '@/lib/actions/patients/update-patient';
import { updateScreeningAction } from '@/lib/actions/patients/update-screening';
import { createProgramAction } from '@/lib/actions/programs/create-program';
import { endProgramAction } from '@/lib/actions/programs/end-program';
import { updateProgramAction } from '@/lib/actions/programs/update-program';
import { BODY_REGIONS, CATEGORIES, DIFFICULTIES, EQUIPMENT } from '@/lib/content/schema';
import { addDays } from '@/lib/dates';
import { KM_PER_MILE } from '@/lib/units';
import { inviteStaff } from '@/lib/data/invites';
import { logPain, logSession } from '@/lib/data/entries';
import { createProgram } from '@/lib/data/programs';
import { listPatients } from '@/lib/data/patients';
import { listUsers } from '@/lib/data/users';
import { listAuditEvents } from '@/lib/data/audit-log';
import { auditListParams, changeRolesSchema, firstValues, inviteStaffSchema, practiceSettingsSchema, STAFF_ROLES, userListParams } from '@/lib/validation/admin';
import { ACTIVITIES, completionSchema, DISTANCE_ACTIVITIES, voidEntrySchema, PAIN_LOCATIONS, PAIN_TIMINGS, TERRAINS, painReportSchema, trainingSessionSchema } from '@/lib/validation/entries';
import { customExerciseSchema } from '@/lib/validation/exercise';
import { patientSchema } from '@/lib/validation/patient';
import { patientListParams } from '@/lib/validation/patient-list';
import { programSchema } from '@/lib/validation/program';
import { SYMPTOM_KEYS } from '@/lib/validation/symptoms';
import { SCREENING_KEYS, screeningSchema } from '@/lib/validation/screening';
import { PATIENT_FILTER_STATUSES, PATIENT_SORTS } from '@/lib/validation/patient-list';
import { setupTestDb } from '../helpers/db';
import { createPatient } from '../helpers/factories';
import { libraryExerciseId } from '../helpers/library';
import { signInAs } from '../helpers/session';
import { buildWorld, digest, key, rowsOf, today, type World } from './world';

const testDb = setupTestDb();

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(5, Math.round(n * SCALE));
// A fixed seed keeps CI reproducible; FUZZ_SEED=random explores new inputs (the seed is printed either way).
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261121);
/** Each target draws from its own seed, so two targets sharing a generator do not send the very same inputs. */
const seedFor = (name: string) => [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 2 ** 31, SEED);

// ---------------------------------------------------------------- generators
const HOSTILE_TEXT = [
  "'; DROP TABLE patients; --", "' OR '1'='1", '" OR ""="', '1; SELECT pg_sleep(10)--', "$$; DELETE FROM users; $$", '\\x00\\', '%_%', '\\',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}', '</textarea><b>',
  '\u202Eevil\u202C', '\u200B\u200D\uFEFF', 'Ωmega ünïcödé 中文 العربية', '👩‍⚕️🏃‍♀️💥', 'e\u0301\u0301\u0301', '\t\n\r', 'NULL', 'null', 'undefined', '__proto__', 'constructor',
];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text a person might type, including the nasty parts: unicode, emoji, HTML and SQL. */
const typed = (max: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: Math.min(max, 60) }),
      fc.constantFrom(...HOSTILE_TEXT),
      fc.tuple(fc.constantFrom(...HOSTILE_TEXT), fc.string({ unit: 'grapheme-ascii', maxLength: 20 })).map(([a, b]) => `${a} ${b}`),
      fc.nat({ max: 3 }).map((n) => 'é'.repeat(max - n)),
    )
    .map((s) => s.replace(/\u0000/g, ''))
    .filter((s) => s.length <= max && !LONE_SURROGATE.test(s));
// zod counts code points for min and max; String.length counts UTF-16 units (never fewer).
const typedRequired = (min: number, max: number) => typed(max).filter((s) => [...s.trim()].length >= min);
const optionalText = (max: number) => fc.option(typed(max).filter((s) => s.trim().length > 0), { nil: undefined });
const dayWithin = (days: number) => fc.nat({ max: days }).map((n) => addDays(today(), -n));
const subsetOf = <T>(values: readonly T[]) => fc.subarray([...values]);
const idemKey = fc.stringMatching(/^[A-Za-z0-9_-]{8,60}$/).map((s) => `${s}-${randomUUID().slice(0, 8)}`);

function deep(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}
/** One hostile value: wrong types, huge or broken strings, deep structures. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '0', '-1', '1e999', '-0', 'NaN', 'Infinity', 'true', '[]', '{}', '2026-02-30', '9999-12-31', '0000-00-00'),
  fc.nat({ max: 3 }).map((n) => 'x'.repeat(100_000 + n)),
  fc.nat({ max: 3 }).map((n) => '💥'.repeat(20_000 + n)),
  fc.integer(), fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 2 ** 53 + 1, -(2 ** 31)),
  fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt(), fc.date({ noInvalidDate: false }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.nat({ max: 2000 }).map(deep),
  fc.uuid(),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

type Input = Record<string, unknown>;
/** A valid input with one thing broken, or something that is not an input at all. */
function hostileFrom(valid: fc.Arbitrary<Input>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(valid, fc.nat(), hostileValue).map(([input, i, v]) => { const keys = Object.keys(input); return keys.length ? { ...input, [keys[i % keys.length]!]: v } : input; }) },
    { weight: 2, arbitrary: fc.tuple(valid, fc.nat()).map(([input, i]) => { const keys = Object.keys(input); const out = { ...input }; delete out[keys[i % Math.max(keys.length, 1)]!]; return out; }) },
    { weight: 2, arbitrary: fc.tuple(valid, fc.string({ maxLength: 12 }), hostileValue).map(([input, k, v]) => ({ ...input, [k]: v })) },
    { weight: 1, arbitrary: valid.map((input) => ({ ...input, ...JSON.parse('{"__proto__": {"practiceId": "00000000-0000-4000-8000-000000000000", "roles": ["admin"]}}') })) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Half of the form actions' runs go through FormData, as a browser sends them. */
function asForm(input: unknown, yes: boolean): unknown {
  if (!yes || !input || typeof input !== 'object' || Array.isArray(input)) return input;
  const fd = new FormData();
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) fd.append(k, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
  }
  return fd;
}

// ---------------------------------------------------------------- targets
type Result = ActionResult<unknown>;
type Target = {
  /** Form actions get FormData (strings only, as a browser sends) on some runs, objects on the rest. */
  form?: 'half' | 'always';
  /** Puts back what the runs changed that other targets rely on. */
  after?: (w: World) => Promise<void>;
  /** How many valid and hostile runs. */
  valid: number;
  hostile: number;
  arbitrary: (w: World) => fc.Arbitrary<Input>;
  /** Makes a fresh record for an input that names '$fresh' (each valid run uses its own). */
  prepare?: (w: World, input: unknown) => Promise<unknown>;
  /** Calls the action as the right person. */
  call: (w: World, input: unknown) => Promise<Result>;
  /** For an accepted input: it is stored once and reads back as sent. */
  check: (w: World, input: Input, result: Result) => Promise<void>;
};

/** Stored equals sent, with both shown when not. */
function same(stored: unknown, sent: unknown) {
  if (JSON.stringify(stored) !== JSON.stringify(sent)) throw new Error(`stored ${JSON.stringify(stored).slice(0, 600)} but sent ${JSON.stringify(sent).slice(0, 600)}`);
}
const ok = <T>(r: Result) => (r as { ok: true; data: T }).data;
const parse = <S extends { parse: (v: unknown) => unknown }>(schema: S, input: unknown) => schema.parse(input instanceof FormData ? Object.fromEntries(input) : input) as ReturnType<S['parse']>;
const n = (v: unknown) => (v === undefined ? null : v);
const float4 = (v: number | null) => (v === null ? null : Math.fround(v));

const patientArb = (w: World) =>
  fc.record({
    firstName: typedRequired(1, 80), lastName: typedRequired(1, 80),
    dateOfBirth: fc.option(fc.date({ min: new Date('1900-01-01'), max: new Date(Date.now() - 86_400_000), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: undefined }),
    email: fc.option(fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z]{1,8}$/)).map(([a, b]) => `${a}@${b}.example`), { nil: undefined }),
    phone: fc.option(fc.stringMatching(/^\+?[0-9 ().-]{5,30}$/).filter((p) => p.trim().length >= 5 && /^[+()0-9 .-]{5,}$/.test(p.trim())), { nil: undefined }),
    condition: optionalText(200), goals: optionalText(2000), notes: optionalText(5000),
    treatingPhysioId: fc.constantFrom(undefined, w.physioUser.id),
  });

async function checkPatient(id: string, input: Input) {
  const data = parse(patientSchema, input);
  const rows = await testDb.db.select().from(patients).where(eq(patients.id, id));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    firstName: data.firstName, lastName: data.lastName, dateOfBirth: n(data.dateOfBirth), email: n(data.email), phone: n(data.phone),
    condition: n(data.condition), goals: n(data.goals), notes: n(data.notes), treatingPhysioId: n(data.treatingPhysioId),
  });
}

const painArb = (patientId?: string) =>
  fc.record({
    ...(patientId ? { patientId: fc.constant(patientId) } : {}),
    idempotencyKey: idemKey, score: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }).map(String)),
    locations: subsetOf(PAIN_LOCATIONS), timing: fc.option(fc.constantFrom(...PAIN_TIMINGS), { nil: undefined }), symptoms: subsetOf(SYMPTOM_KEYS),
    date: fc.option(dayWithin(366), { nil: undefined }), notes: optionalText(1000),
  }) as fc.Arbitrary<Input>;

async function checkPain(id: string, input: Input, date?: string) {
  const data = parse(painReportSchema, input);
  const rows = await testDb.db.select().from(painReports).where(eq(painReports.idempotencyKey, data.idempotencyKey));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.id).toBe(id);
  const row = rows[0]!;
  same(
    { score: row.score, locations: row.locations, timing: row.timing, symptoms: row.symptoms, notes: row.notes, localDate: row.localDate },
    { score: data.score, locations: data.locations, timing: n(data.timing), symptoms: data.symptoms, notes: n(data.notes), localDate: date ?? data.date ?? today() },
  );
}

const sessionArb = (patientId?: string) =>
  fc
    .record({
      ...(patientId ? { patientId: fc.constant(patientId) } : {}),
      idempotencyKey: idemKey, activity: fc.constantFrom(...ACTIVITIES), date: dayWithin(366),
      durationMin: fc.oneof(fc.integer({ min: 1, max: 1440 }), fc.double({ min: 0.5, max: 1440, noNaN: true }).map((d) => Math.round(d * 10) / 10)),
      distance: fc.option(fc.double({ min: 0.1, max: 1000, noNaN: true }).map((d) => Math.round(d * 100) / 100), { nil: undefined }),
      rpe: fc.integer({ min: 0, max: 10 }), terrain: fc.option(fc.constantFrom(...TERRAINS), { nil: undefined }),
      painDuring: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }), notes: optionalText(1000),
    })
    .map((r) => ({ ...r, distance: DISTANCE_ACTIVITIES.has(r.activity) ? r.distance : undefined }) as Input);

async function checkSession(id: string, input: Input) {
  const data = parse(trainingSessionSchema, input);
  const rows = await testDb.db.select().from(trainingSessions).where(eq(trainingSessions.idempotencyKey, data.idempotencyKey));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.id).toBe(id);
  const row = rows[0]!;
  same(
    { activity: row.activity, localDate: row.localDate, durationMin: float4(row.durationMin), distanceKm: float4(row.distanceKm), rpe: row.rpe, terrain: row.terrain, painDuring: row.painDuring, notes: row.notes },
    { activity: data.activity, localDate: data.date, durationMin: float4(data.durationMin), distanceKm: float4(n(data.distance) as number | null), rpe: data.rpe, terrain: n(data.terrain), painDuring: n(data.painDuring), notes: n(data.notes) },
  );
}

const lines = (min: number, max: number, len: number) =>
  fc.array(typedRequired(1, len).map((s) => s.replace(/[\r\n]/g, ' ').replace(/^\s*\d+[.)]\s*/, '').trim()).filter((s) => s.length > 0), { minLength: min, maxLength: max }).map((a) => a.join('\n'));
const exerciseArb = () =>
  fc
    .record({
      title: typedRequired(3, 80), summary: typedRequired(3, 160), category: fc.constantFrom(...CATEGORIES), bodyRegions: fc.subarray([...BODY_REGIONS], { minLength: 1 }),
      equipment: fc.subarray([...EQUIPMENT], { minLength: 1 }), difficulty: fc.constantFrom(...DIFFICULTIES),
      dose: fc.oneof(
        fc.record({ sets: fc.integer({ min: 1, max: 10 }), reps: fc.integer({ min: 1, max: 100 }) }),
        fc.record({ sets: fc.integer({ min: 1, max: 10 }), holdSeconds: fc.integer({ min: 1, max: 600 }) }),
        fc.record({ minutes: fc.integer({ min: 1, max: 180 }) }),
      ),
      sessionsPerWeek: fc.integer({ min: 1, max: 14 }), steps: lines(3, 8, 400), feel: typedRequired(3, 400), cautions: lines(1, 6, 300), body: typed(4000),
    })
    .map(({ dose, ...r }) => ({ ...r, ...dose, regression: '', progression: '' }) as Input);

async function checkExercise(id: string, input: Input) {
  const data = parse(customExerciseSchema, input);
  const rows = await testDb.db.select().from(exercises).where(eq(exercises.id, id));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ title: data.title, summary: data.summary, category: data.category, bodyRegions: data.bodyRegions, equipment: data.equipment, steps: data.steps, feel: data.feel, cautions: data.cautions, body: data.body });
}

let exerciseIds: string[] = [];
let statusPatientId = '';
const programArb = () =>
  fc.record({
    title: typedRequired(3, 120), startDate: dayWithin(30), goals: optionalText(2000), articleSlugs: fc.constant([] as string[]),
    items: fc.array(
      fc.record({
        exerciseId: fc.constantFrom(...exerciseIds),
        dose: fc.oneof(
          fc.record({ sets: fc.integer({ min: 1, max: 20 }), reps: fc.integer({ min: 1, max: 200 }) }),
          fc.record({ sets: fc.integer({ min: 1, max: 20 }), holdSeconds: fc.integer({ min: 1, max: 900 }) }),
          fc.record({ minutes: fc.integer({ min: 1, max: 300 }) }),
        ),
        sessionsPerWeek: fc.integer({ min: 1, max: 14 }), load: optionalText(100), notes: optionalText(500),
      }).map(({ dose, ...i }) => ({ ...i, ...dose })),
      { minLength: 1, maxLength: 6 },
    ),
  }) as fc.Arbitrary<Input>;

async function checkProgram(id: string, program: Input) {
  const data = parse(programSchema, program);
  const [row] = await testDb.db.select().from(programs).where(eq(programs.id, id));
  expect(row).toMatchObject({ title: data.title, startDate: data.startDate, goals: n(data.goals) });
  const items = await testDb.db.select().from(programItems).where(and(eq(programItems.programId, id), sql`${programItems.removedAt} is null`)).orderBy(programItems.position);
  expect(items.map((i) => ({ exerciseId: i.exerciseId, sets: i.sets, reps: i.reps, holdSeconds: i.holdSeconds, minutes: i.minutes, sessionsPerWeek: i.sessionsPerWeek, load: i.load, notes: i.notes }))).toEqual(
    data.items.map((i) => ({ exerciseId: i.exerciseId, sets: n(i.sets), reps: n(i.reps), holdSeconds: n(i.holdSeconds), minutes: n(i.minutes), sessionsPerWeek: i.sessionsPerWeek, load: n(i.load), notes: n(i.notes) })),
  );
}

const settingsArb = () =>
  fc.record({
    name: typedRequired(2, 120), timeZone: fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'), distanceUnit: fc.constantFrom('km', 'mi'),
    painWorseMinPoints: fc.integer({ min: 1, max: 5 }), acwrSpike: fc.integer({ min: 120, max: 200 }).map((v) => v / 100), weeklyDistanceRedPct: fc.integer({ min: 10, max: 100 }),
    adherenceLowPct: fc.integer({ min: 10, max: 90 }), inactivityDays: fc.integer({ min: 3, max: 60 }), sessionIdleMinutes: fc.integer({ min: 5, max: 480 }),
    phone: fc.option(fc.tuple(fc.constantFrom('', '+'), fc.array(fc.stringMatching(/^[0-9]{2,3}$/), { minLength: 3, maxLength: 5 }), fc.constantFrom(' ', '-')).map(([plus, groups, sep]) => plus + groups.join(sep)), { nil: undefined }), emergencyNumber: fc.option(fc.stringMatching(/^[0-9]{2,6}$/), { nil: undefined }),
    // Safety settings: left out (keeps the saved value), blank (no inbox), or an address in any case with stray spaces.
    safetyInbox: fc.option(fc.oneof(fc.constantFrom('', '  '), fc.tuple(fc.constantFrom('', ' '), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}[A-Za-z0-9]$/).filter((l) => !l.includes('..')), fc.constantFrom('clinic.example', 'Physio.CO.UK', 'riverbank-physio.example')).map(([pad, local, domain]) => `${pad}${local}@${domain}${pad}`)), { nil: undefined }),
    severePainScore: fc.option(fc.integer({ min: 5, max: 10 }), { nil: undefined }),
    escalateEmergencyMinutes: fc.option(fc.integer({ min: 15, max: 1440 }), { nil: undefined }),
    escalateSameDayWorkingDays: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  }) as fc.Arbitrary<Input>;

let counter = 0;
const password = fc.stringMatching(/^[a-zA-Z0-9 ]{14,40}$/).filter((p) => p.trim().length >= 12).map((p) => `${p} quiet river ${++counter}`);

/** Prepares a fresh record when the input names one with '$fresh' (valid runs use each record once). */
const TARGETS: Record<string, Target> = {
  createPatient: {
    form: 'half',
    valid: 60, hostile: 150, arbitrary: patientArb,
    call: async (w, input) => { signInAs(w.physioUser); return createPatientAction(null, input as FormData); },
    check: async (_w, input, r) => checkPatient(ok<{ id: string }>(r).id, input),
  },
  updatePatient: {
    form: 'half',
    valid: 40, hostile: 100, arbitrary: (w) => patientArb(w).map((p) => ({ ...p, id: w.patient.id })),
    call: async (w, input) => { signInAs(w.physioUser); return updatePatientAction(null, input as FormData); },
    check: async (w, input) => checkPatient(w.patient.id, input),
  },
  setPatientStatus: {
    valid: 15, hostile: 60, arbitrary: () => fc.record({ id: fc.constant(statusPatientId), status: fc.constantFrom('active', 'discharged', 'archived') }),
    call: async (w, input) => { signInAs(w.physioUser); return setPatientStatusAction(null, input as FormData); },
    check: async (_w, input) => { const [row] = await testDb.db.select().from(patients).where(eq(patients.id, statusPatientId)); expect(row!.status).toBe(input.status); },
  },
  logPain: {
    valid: 60, hostile: 150, arbitrary: (w) => painArb(w.patient.id),
    call: async (w, input) => { signInAs(w.physioUser); return logPainAction(null, input as Input); },
    check: async (_w, input, r) => checkPain(ok<{ id: string }>(r).id, input),
  },
  logPainAsPatient: {
    form: 'half',
    valid: 30, hostile: 100, arbitrary: () => painArb(),
    call: async (w, input) => { signInAs(w.patientUser); return logPainAction(null, input as Input); },
    check: async (_w, input, r) => checkPain(ok<{ id: string }>(r).id, input),
  },
  logSession: {
    valid: 60, hostile: 150, arbitrary: (w) => sessionArb(w.patient.id),
    call: async (w, input) => { signInAs(w.physioUser); return logSessionAction(null, input as Input); },
    check: async (_w, input, r) => checkSession(ok<{ id: string }>(r).id, input),
  },
  logSessionMiles: {
    // A practice that counts in miles: distances are converted to km before they are stored.
    // (1000 miles is more than the 1000 km a session may have: the valid ones stay under it.)
    valid: 20, hostile: 50, arbitrary: (w) => sessionArb(w.patient.id).filter((i) => i.distance === undefined || (i.distance as number) * KM_PER_MILE <= 1000),
    prepare: async (w, input) => { await testDb.db.update(practices).set({ distanceUnit: 'mi' }).where(eq(practices.id, w.practiceId)); return input; },
    call: async (w, input) => { signInAs(w.physioUser); return logSessionAction(null, input as Input); },
    check: async (_w, input, r) => {
      const data = parse(trainingSessionSchema, input);
      const [row] = await testDb.db.select().from(trainingSessions).where(eq(trainingSessions.id, ok<{ id: string }>(r).id));
      same(float4(row!.distanceKm), float4(data.distance === undefined ? null : data.distance * KM_PER_MILE));
    },
    after: async (w) => { await testDb.db.update(practices).set({ distanceUnit: 'km' }).where(eq(practices.id, w.practiceId)); },
  },
  morningCheckIn: {
    // Each valid run answers for its own run of yesterday (a check-in is once per session).
    valid: 20, hostile: 60, arbitrary: () => fc.record({ sessionId: fc.constant('$fresh'), morningAfter: fc.constantFrom(...MORNING_AFTER) }),
    prepare: async (w, input) => {
      if (!input || typeof input !== 'object' || (input as Input).sessionId !== '$fresh') return input;
      const made = await logSession(w.physio, { patientId: w.patient.id, idempotencyKey: key(), activity: 'run', date: addDays(today(), -1), durationMin: 30, rpe: 4 });
      return { ...(input as Input), sessionId: made.id };
    },
    call: async (w, input) => { signInAs(w.patientUser); return checkInSessionAction(null, input as Input); },
    check: async (_w, input) => {
      const rows = await testDb.db.select().from(sessionCheckIns).where(eq(sessionCheckIns.sessionId, String(input.sessionId)));
      same(rows.map((row) => row.morningAfter), [input.morningAfter]);
    },
  },
  measureResponse: {
    // PSFS: three to five activities named in the patient's words, each rated 0-10, sent.
    form: 'half',
    valid: 20, hostile: 60,
    arbitrary: () =>
      fc.array(fc.tuple(typedRequired(1, 200), fc.integer({ min: 0, max: 10 })), { minLength: 3, maxLength: 5 }).map((activities) => ({
        measureSlug: 'patient-specific-functional-scale', intent: 'submit',
        ...Object.fromEntries(activities.flatMap(([label, value], i) => [[`l.activity-${i + 1}`, label], [`a.activity-${i + 1}`, String(value)]])),
      })),
    call: async (w, input) => { signInAs(w.patientUser); return saveMeasureResponseAction(null, input as Input); },
    check: async (_w, input, r) => {
      const [row] = await testDb.db.select().from(measureResponses).where(eq(measureResponses.id, ok<{ id: string }>(r).id));
      // Sent, read the way the form's fields are: trimmed, empty fields not answered.
      const sent: Record<string, { label?: string; value?: number }> = {};
      for (const [key, raw] of Object.entries(input)) {
        const m = /^([al])\.(.+)$/.exec(key);
        if (!m || typeof raw !== 'string' || raw.trim() === '') continue;
        const answer = (sent[m[2]!] ??= {});
        if (m[1] === 'l') answer.label = raw.trim();
        else answer.value = Number(raw.trim());
      }
      expect(row?.answers).toEqual(sent);
      const rated = Object.values(sent).filter((a) => a.value !== undefined).map((a) => a.value!);
      expect(row?.score).toBeCloseTo(rated.reduce((x, y) => x + y, 0) / rated.length, 9);
    },
  },
  completeExercise: {
    valid: 20, hostile: 80, arbitrary: (w) => fc.record({ programItemId: fc.constant(w.itemId), idempotencyKey: idemKey, date: fc.option(dayWithin(7), { nil: undefined }), done: fc.constantFrom(true, 'true') }),
    call: async (w, input) => { signInAs(w.patientUser); return completeExerciseAction(null, input as Input); },
    check: async (w, input) => {
      const parsed = completionSchema.parse(input);
      const date = parsed.date ?? today();
      const rows = await testDb.db.select().from(exerciseCompletions).where(and(eq(exerciseCompletions.programItemId, w.itemId), eq(exerciseCompletions.completedOn, date), sql`${exerciseCompletions.voidedAt} is null`));
      // One tick per exercise a day, however often it is sent; done=false takes it back.
      expect(rows).toHaveLength(parsed.done ? 1 : 0);
    },
  },
  voidEntry: {
    valid: 15, hostile: 60, arbitrary: () => fc.record({ kind: fc.constant('pain'), id: fc.constant('$fresh'), reason: typedRequired(3, 300) }),
    prepare: (w, input) => withFreshPain(w, input),
    call: async (w, input) => { signInAs(w.patientUser); return voidEntryAction(null, input as Input); },
    check: async (_w, input) => { const [row] = await testDb.db.select().from(painReports).where(eq(painReports.id, lastFresh)); expect(row!.voidReason).toBe(voidEntrySchema.parse(input).reason); },
  },
  correctPain: {
    valid: 20, hostile: 80, arbitrary: () => painArb().map((p) => ({ ...p, correctsId: '$fresh', reason: 'Wrong number' })),
    prepare: (w, input) => withFreshPain(w, input, 'correctsId'),
    call: async (w, input) => { signInAs(w.patientUser); return correctPainAction(null, input as Input); },
    check: async (_w, input, r) => {
      const { correctsId: _c, reason: _r, ...rest } = input;
      void _c; void _r;
      const [old] = await testDb.db.select().from(painReports).where(eq(painReports.id, lastFresh));
      expect(old!.voidedAt).not.toBeNull();
      await checkPain(ok<{ id: string }>(r).id, rest, parse(painReportSchema, rest).date ?? old!.localDate);
    },
  },
  correctSession: {
    valid: 20, hostile: 80, arbitrary: () => sessionArb().map((p) => ({ ...p, correctsId: '$fresh', reason: 'Wrong number' })),
    prepare: (w, input) => withFreshSession(w, input),
    call: async (w, input) => { signInAs(w.patientUser); return correctSessionAction(null, input as Input); },
    check: async (_w, input, r) => {
      const { correctsId: _c, reason: _r, ...rest } = input;
      void _c; void _r;
      await checkSession(ok<{ id: string }>(r).id, rest);
    },
  },
  createExercise: {
    form: 'half',
    valid: 40, hostile: 120, arbitrary: exerciseArb,
    call: async (w, input) => { signInAs(w.physioUser); return createExerciseAction(null, input as FormData); },
    check: async (_w, input, r) => checkExercise(ok<{ id: string }>(r).id, input),
  },
  updateExercise: {
    form: 'half',
    valid: 25, hostile: 80, arbitrary: (w) => exerciseArb().map((e) => ({ ...e, id: w.exercise.id })),
    call: async (w, input) => { signInAs(w.physioUser); return updateExerciseAction(null, input as FormData); },
    check: async (w, input) => checkExercise(w.exercise.id, input),
  },
  retireExercise: {
    valid: 10, hostile: 50, arbitrary: (w) => fc.record({ id: fc.constant(w.exercise.id), retired: fc.constantFrom('true', 'false') }),
    call: async (w, input) => { signInAs(w.physioUser); return retireExerciseAction(null, input as FormData); },
    check: async (w, input) => { const [row] = await testDb.db.select().from(exercises).where(eq(exercises.id, w.exercise.id)); expect(row!.retiredAt !== null).toBe(input.retired === 'true'); },
    after: async (w) => { await testDb.db.update(exercises).set({ retiredAt: null }).where(eq(exercises.id, w.exercise.id)); },
  },
  createProgram: {
    valid: 20, hostile: 70, arbitrary: (w) => programArb().map((program) => ({ patientId: w.patient2.id, program })),
    call: async (w, input) => { signInAs(w.physioUser); return createProgramAction(input as Parameters<typeof createProgramAction>[0]); },
    check: async (_w, input, r) => checkProgram(ok<{ id: string }>(r).id, input.program as Input),
  },
  updateProgram: {
    valid: 20, hostile: 70, arbitrary: (w) => programArb().map((program) => ({ programId: w.program.id, version: '$current', program })),
    call: async (w, input) => {
      signInAs(w.physioUser);
      if (input && typeof input === 'object' && (input as Input).version === '$current') {
        const [row] = await testDb.db.select({ version: programs.version }).from(programs).where(eq(programs.id, w.program.id));
        input = { ...(input as Input), version: row!.version };
      }
      return updateProgramAction(input as Parameters<typeof updateProgramAction>[0]);
    },
    check: async (w, input) => checkProgram(w.program.id, input.program as Input),
  },
  endProgram: {
    valid: 10, hostile: 50, arbitrary: (w) => fc.record({ programId: fc.constant('$fresh'), version: fc.constant('1'), patientId: fc.constant(w.patient2.id) }),
    prepare: async (w, input) => {
      if (!input || typeof input !== 'object' || (input as Input).programId !== '$fresh') return input;
      const program = await createProgram(w.physio, w.patient2.id, { title: 'To be ended', startDate: today(), articleSlugs: [], items: [{ exerciseId: exerciseIds[0]!, sets: 1, reps: 5, sessionsPerWeek: 2 }] });
      lastFresh = program.id;
      return { ...(input as Input), programId: program.id };
    },
    call: async (w, input) => { signInAs(w.physioUser); return endProgramAction(null, input as FormData); },
    check: async () => { const [row] = await testDb.db.select().from(programs).where(eq(programs.id, lastFresh)); expect(row!.status).toBe('ended'); },
  },
  acknowledgeAlert: {
    valid: 10, hostile: 50, arbitrary: (w) => fc.record({ patientId: fc.constant(w.patient2.id), kind: fc.constant('no-logs') }),
    call: async (w, input) => { signInAs(w.physioUser); return acknowledgeAlertAction(null, input as Input); },
    check: async (w) => { const rows = rowsOf<{ n: number }>(await testDb.db.execute(sql`select count(*)::int as n from alert_acknowledgements where patient_id = ${w.patient2.id}`)); expect(rows[0]!.n).toBeGreaterThan(0); },
  },
  closeSafetyAlert: {
    // Each valid input closes a warning sign, so '$fresh' stands for the one a new flagged report opens.
    valid: 10, hostile: 50, arbitrary: () => fc.record({ alertId: fc.constant('$fresh'), action: fc.constantFrom(...CLOSE_ACTIONS), note: typedRequired(3, 1000) }),
    prepare: async (w, input) => {
      if (!input || typeof input !== 'object' || (input as Input).alertId !== '$fresh') return input;
      const report = await logPain(w.physio, { patientId: w.patient2.id, idempotencyKey: key(), score: 5, locations: ['lower-back'], symptoms: ['leg-numbness'] });
      lastFresh = report.safetyAlertId!;
      return { ...(input as Input), alertId: lastFresh };
    },
    call: async (w, input) => { signInAs(w.physioUser); return closeSafetyAlertAction(null, input as Input); },
    check: async (_w, input) => {
      const [row] = await testDb.db.select().from(safetyAlerts).where(eq(safetyAlerts.id, lastFresh));
      expect(row).toMatchObject({ status: 'closed', closeAction: input.action, closeNote: String(input.note).trim() });
    },
  },
  inviteStaff: {
    form: 'half',
    valid: 30, hostile: 100, arbitrary: () => fc.record({ email: fc.stringMatching(/^[a-z0-9]{1,12}$/).map((a) => `${a}.${randomUUID().slice(0, 8)}@fuzz.example`), name: typedRequired(2, 120), roles: fc.subarray([...STAFF_ROLES], { minLength: 1 }) }),
    call: async (w, input) => { signInAs(w.adminUser); return inviteStaffAction(null, input as FormData); },
    check: async (w, input) => {
      const data = inviteStaffSchema.parse(input);
      const rows = await testDb.db.select().from(users).where(eq(users.email, data.email));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ practiceId: w.practiceId, name: data.name, status: 'invited' });
      expect([...rows[0]!.roles].sort()).toEqual([...new Set(inviteStaffSchema.parse(input).roles)].sort());
    },
  },
  changeUserRoles: {
    form: 'always',
    valid: 15, hostile: 60, arbitrary: (w) => fc.record({ userId: fc.constant(w.staffUser.id), roles: fc.subarray([...STAFF_ROLES], { minLength: 1 }) }),
    call: async (w, input) => { signInAs(w.adminUser); return changeUserRolesAction(null, input as FormData); },
    check: async (w, input) => { const [row] = await testDb.db.select().from(users).where(eq(users.id, w.staffUser.id)); expect([...row!.roles].sort()).toEqual([...new Set(changeRolesSchema.parse(input).roles)].sort()); },
  },
  setUserStatus: {
    valid: 15, hostile: 60, arbitrary: (w) => fc.record({ userId: fc.constant(w.staffUser.id), status: fc.constantFrom('active', 'deactivated') }),
    call: async (w, input) => { signInAs(w.adminUser); return setUserStatusAction(null, input as FormData); },
    check: async (w, input) => { const [row] = await testDb.db.select().from(users).where(eq(users.id, w.staffUser.id)); expect(row!.status).toBe(input.status); },
  },
  resetTwoFactor: {
    valid: 10, hostile: 50, arbitrary: (w) => fc.record({ userId: fc.constant(w.staffUser.id) }),
    call: async (w, input) => { signInAs(w.adminUser); return resetTwoFactorAction(null, input as FormData); },
    check: async (w) => { const [row] = await testDb.db.select().from(users).where(eq(users.id, w.staffUser.id)); expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null }); },
  },
  issuePasswordReset: {
    valid: 10, hostile: 50, arbitrary: (w) => fc.record({ userId: fc.constant(w.patientUser.id) }),
    call: async (w, input) => { signInAs(w.adminUser); return issuePasswordResetAction(null, input as FormData); },
    check: async (_w, _input, r) => expect(ok<{ url: string }>(r).url).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/),
  },
  resendInvite: {
    valid: 10, hostile: 50, arbitrary: (w) => fc.record({ userId: fc.constant(w.invitedUserId) }),
    call: async (w, input) => { signInAs(w.adminUser); return resendInviteAction(null, input as FormData); },
    check: async (_w, _input, r) => expect(ok<{ url: string }>(r).url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/),
  },
  reassignPatients: {
    valid: 10, hostile: 50, arbitrary: (w) => fc.record({ fromUserId: fc.constant(w.physioUser.id), toUserId: fc.constant(w.staffUser.id) }),
    // The staff physio may have been deactivated or made admin-only by another target: make them a physio again.
    prepare: async (w, input) => { await testDb.db.update(users).set({ status: 'active', roles: ['physio'] }).where(eq(users.id, w.staffUser.id)); return input; },
    call: async (w, input) => { signInAs(w.adminUser); return reassignPatientsAction(null, input as FormData); },
    check: async (w) => { const rows = await testDb.db.select().from(patients).where(eq(patients.treatingPhysioId, w.physioUser.id)); expect(rows).toHaveLength(0); },
  },
  updatePracticeSettings: {
    form: 'always',
    valid: 20, hostile: 80, arbitrary: settingsArb,
    call: async (w, input) => { signInAs(w.adminUser); return updatePracticeSettingsAction(null, input as FormData); },
    check: async (w, input) => {
      const data = parse(practiceSettingsSchema, input);
      const [row] = await testDb.db.select().from(practices).where(eq(practices.id, w.practiceId));
      expect(row).toMatchObject({ name: data.name, timeZone: data.timeZone, distanceUnit: data.distanceUnit });
      expect(row!.settings).toMatchObject({ sessionIdleMinutes: data.sessionIdleMinutes, acwrSpike: data.acwrSpike, phone: data.phone, emergencyNumber: data.emergencyNumber });
      // A safety setting that was sent is stored as parsed; one left out keeps whatever was saved before.
      const safety = (['safetyInbox', 'severePainScore', 'escalateEmergencyMinutes', 'escalateSameDayWorkingDays'] as const).filter((k) => data[k] !== undefined);
      expect(row!.settings).toMatchObject(Object.fromEntries(safety.map((k) => [k, data[k]])));
    },
    after: async (w) => { await testDb.db.update(practices).set({ timeZone: 'Europe/London', distanceUnit: 'km' }).where(eq(practices.id, w.practiceId)); },
  },
  invitePatient: {
    valid: 10, hostile: 50, arbitrary: (w) => fc.record({ patientId: fc.constant(w.patient2.id) }),
    prepare: async (w, input) => { await testDb.db.update(patients).set({ status: 'active' }).where(eq(patients.id, w.patient2.id)); return input; },
    call: async (w, input) => { signInAs(w.physioUser); return invitePatientAction(null, input as FormData); },
    check: async (w) => { const rows = await testDb.db.select().from(users).where(eq(users.patientId, w.patient2.id)); expect(rows).toHaveLength(1); },
  },
  // ---- Red-flag screening history: the screening form and the intake boxes of the new-patient form.
  updateScreening: {
    form: 'half',
    valid: 25, hostile: 100, arbitrary: (w) => fc.record({ patientId: fc.constant(w.patient2.id), flags: fc.subarray([...SCREENING_KEYS]) }),
    call: async (w, input) => { signInAs(w.physioUser); return updateScreeningAction(null, input as FormData); },
    check: async (w, input, r) => {
      const sent = new Set(parse(screeningSchema, input).flags);
      const [row] = await testDb.db.select().from(patients).where(eq(patients.id, w.patient2.id));
      expect([...row!.screeningFlags].sort()).toEqual([...sent].sort());
      expect(ok<{ flags: string[] }>(r).flags).toEqual(row!.screeningFlags);
    },
  },
  createPatientScreened: {
    form: 'half',
    valid: 20, hostile: 60, arbitrary: (w) => fc.tuple(patientArb(w), fc.subarray([...SCREENING_KEYS])).map(([p, screeningFlags]) => ({ ...p, screeningFlags })),
    call: async (w, input) => { signInAs(w.physioUser); return createPatientAction(null, input as FormData); },
    check: async (_w, input, r) => {
      const id = ok<{ id: string }>(r).id;
      await checkPatient(id, input);
      const [row] = await testDb.db.select().from(patients).where(eq(patients.id, id));
      expect([...row!.screeningFlags].sort()).toEqual([...new Set(parse(patientSchema, input).screeningFlags)].sort());
    },
  },
  setPassword: {
    valid: 10, hostile: 60, arbitrary: () => password.map((p) => ({ token: '$fresh', password: p, confirm: p })),
    prepare: async (w, input) => {
      if (!input || typeof input !== 'object' || (input as Input).token !== '$fresh') return input;
      const email = `fresh.${randomUUID().slice(0, 8)}@fuzz.example`;
      const link = await inviteStaff(w.admin, { email, name: 'Fresh Invitee', roles: ['physio'] });
      lastFresh = email;
      return { ...(input as Input), token: link.url.split('/').pop() };
    },
    call: async (_w, input) => setPasswordAction(null, asForm(input, true) as FormData),
    check: async () => { const [row] = await testDb.db.select().from(users).where(eq(users.email, lastFresh)); expect(row).toMatchObject({ status: 'active' }); expect(row!.passwordHash).toMatch(/^\$argon2id\$/); },
  },
};

let lastFresh = '';
async function withFreshPain(w: World, input: unknown, field = 'id'): Promise<Input> {
  if (!input || typeof input !== 'object' || (input as Input)[field] !== '$fresh') return input as Input;
  const made = await logPain(w.physio, { patientId: w.patient.id, idempotencyKey: key(), score: 5, locations: [], symptoms: [] });
  // A clinic entry can only be changed by the clinic: enter it as the patient instead.
  await testDb.db.update(painReports).set({ enteredBy: w.patientUser.id, source: 'patient' }).where(eq(painReports.id, made.id));
  lastFresh = made.id;
  return { ...(input as Input), [field]: made.id };
}
async function withFreshSession(w: World, input: unknown): Promise<Input> {
  if (!input || typeof input !== 'object' || (input as Input).correctsId !== '$fresh') return input as Input;
  const made = await logSession(w.physio, { patientId: w.patient.id, idempotencyKey: key(), activity: 'walk', date: today(), durationMin: 10, rpe: 2 });
  await testDb.db.update(trainingSessions).set({ enteredBy: w.patientUser.id, source: 'patient' }).where(eq(trainingSessions.id, made.id));
  lastFresh = made.id;
  return { ...(input as Input), correctsId: made.id };
}

// ---------------------------------------------------------------- properties
const stats: Record<string, { valid: number; hostile: number; hostileAccepted: number; replays?: number; refused: Record<string, number> }> = {};

let runIndex = 0;

function assert(condition: boolean, message: () => string) {
  if (!condition) throw new Error(message());
}

async function attempt(name: string, w: World, target: Target, generated: unknown, mustAccept: boolean) {
  const input = target.prepare ? await target.prepare(w, generated) : generated;
  const sent = target.form === 'always' || (target.form === 'half' && runIndex++ % 2 === 0) ? asForm(input, true) : input;
  const before = await digest([w.practiceId]);
  let result: Result;
  try {
    result = await target.call(w, sent);
  } catch (error) {
    throw new Error(`${name}: an exception escaped for input ${preview(sent)}: ${String(error)}`, { cause: error });
  }
  const s = (stats[name] ??= { valid: 0, hostile: 0, hostileAccepted: 0, refused: {} });
  if (mustAccept) s.valid++;
  else s.hostile++;
  if (result.ok) {
    if (!mustAccept) s.hostileAccepted++;
    // A submission key sent again (hostile values such as 'undefined' are valid keys and recur) is a
    // replay: the first entry stands and nothing new is written, whatever the rest of the input says.
    if ((result.data as { duplicate?: boolean } | undefined)?.duplicate === true) {
      s.replays = (s.replays ?? 0) + 1;
      const after = await digest([w.practiceId]);
      assert(after[0] === before[0], () => `${name}: a replayed submission key wrote, for ${preview(sent)}`);
      return;
    }
    await target.check(w, (sent instanceof FormData ? formDataToObject(sent) : (sent ?? {})) as Input, result);
    return;
  }
  const code = result.code ?? 'none';
  s.refused[code] = (s.refused[code] ?? 0) + 1;
  assert(!mustAccept, () => `${name} refused a valid input (${code}: ${JSON.stringify(result.ok ? null : result.fieldErrors)}) ${preview(sent)}`);
  assert(['invalid', 'not_found', 'conflict'].includes(code), () => `${name} answered ${code} to ${preview(sent)}`);
  if (code === 'invalid') assert(Object.keys(result.fieldErrors).length > 0 || result.message.length > 0, () => `${name}: invalid without a message`);
  const after = await digest([w.practiceId]);
  assert(after[0] === before[0], () => `${name} refused (${code}) but wrote, for ${preview(sent)}`);
}

function preview(input: unknown): string {
  try {
    const text = JSON.stringify(input instanceof FormData ? Object.fromEntries(input) : input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v));
    return (text ?? String(input)).slice(0, 400);
  } catch {
    return String(input).slice(0, 200);
  }
}

/** fc.assert, with a failure message short enough to read (inputs can be 100 000 characters). */
async function property<T>(name: string, arbitrary: fc.Arbitrary<T>, run: (input: T) => Promise<void>, numRuns: number) {
  const out = await fc.check(fc.asyncProperty(arbitrary, run), { numRuns, seed: seedFor(name), endOnFailure: true });
  if (out.failed) {
    const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    throw new Error(`${name} (FUZZ_SEED=${SEED}, run ${out.numRuns}): ${cause.slice(0, 1500)}\ncounterexample: ${preview(out.counterexample?.[0])}`);
  }
}

describe('fuzzed server action input', () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
    exerciseIds = [await libraryExerciseId('bird-dog'), await libraryExerciseId('pelvic-tilt'), await libraryExerciseId('glute-bridge'), world.exercise.id];
    statusPatientId = (await createPatient(world.practiceId, { treatingPhysioId: world.physioUser.id })).id;
  });

  for (const [name, target] of Object.entries(TARGETS)) {
    it(`${name}: valid input is stored once and reads back equal; hostile input is refused cleanly`, { timeout: 300_000 }, async () => {
      try {
        await property(name, target.arbitrary(world), (input) => attempt(name, world, target, input, true), runs(target.valid));
        await property(`${name}, hostile`, hostileFrom(target.arbitrary(world)), (input) => attempt(name, world, target, input, false), runs(target.hostile));
      } finally {
        await target.after?.(world);
      }
    });
  }

  it('sort and filter keys of the tables come from allow-lists, whatever the URL says', { timeout: 300_000 }, async () => {
    const params = fc.dictionary(fc.constantFrom('q', 'status', 'physio', 'alerts', 'sort', 'dir', 'page', 'role', 'person', 'patient', 'action', 'from', 'to', 'x'), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE_TEXT), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })), { maxKeys: 8 });
    signInAs(world.adminUser);
    await property(
      'list params',
      params,
      async (raw) => {
        const first = firstValues(raw);
        const p = patientListParams.parse(first);
        expect(p.sort === undefined || (PATIENT_SORTS as readonly string[]).includes(p.sort)).toBe(true);
        expect(p.status === undefined || (PATIENT_FILTER_STATUSES as readonly string[]).includes(p.status)).toBe(true);
        expect(p.dir === undefined || ['asc', 'desc'].includes(p.dir)).toBe(true);
        await listPatients(world.physio, { search: p.q, status: p.status, physioId: p.physio, withAlerts: p.alerts === '1', sort: p.sort, dir: p.dir, page: p.page });
        const u = userListParams.parse(first);
        await listUsers(world.admin, { search: u.q, role: u.role, status: u.status, sort: u.sort, dir: u.dir, page: u.page });
        const a = auditListParams.parse(first);
        await listAuditEvents(world.admin, { personId: a.person, patientId: a.patient, action: a.action, from: a.from, to: a.to, page: a.page });
      },
      runs(150),
    );
    stats.listParams = { valid: runs(150), hostile: 0, hostileAccepted: 0, refused: {} };
  });

  afterAll(() => {
    const rows = Object.entries(stats).map(([name, s]) => `  ${name.padEnd(24)} ${String(s.valid).padStart(4)} valid  ${String(s.hostile).padStart(4)} hostile (${s.hostileAccepted} still valid, ${s.replays ?? 0} replays; refused ${JSON.stringify(s.refused)})`);
    const total = Object.values(stats).reduce((sum, s) => sum + s.valid + s.hostile, 0);
    console.log(`fuzz (seed ${SEED}): ${total} inputs\n${rows.join('\n')}`);
  });
});
