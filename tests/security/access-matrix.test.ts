// The access matrix: every server action (found by reading lib/actions at test time) and
// every data-layer entry point, called by every kind of caller against their own practice
// and another one. One table says what each cell must answer. On top of the answer, every
// cell checks that a refusal wrote nothing and that nothing from a record the caller may
// not reach (another practice, another patient) appears in what they get back.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import type { EntryKind } from '@/lib/data/entries';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { isAppError } from '@/lib/errors';
import { voidEntrySchema } from '@/lib/validation/entries';
import { setupTestDb } from '../helpers/db';
import { actorFor, createPractice, createStaff } from '../helpers/factories';
import { libraryExerciseId } from '../helpers/library';
import { signInAs, signOut } from '../helpers/session';
import { buildWorld, digest, key, patientAccount, today, type World } from './world';

// Auth.js's own sign-in and sign-out need a browser request; the actions around them are
// what is under test here.
vi.mock('@/lib/auth', () => ({ signIn: vi.fn(async () => undefined), signOut: vi.fn(async () => undefined), auth: vi.fn(async () => null) }));
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }));

setupTestDb();

// ---------------------------------------------------------------------------------------
// Callers. "own" and "foreign" say where the records the cell aims at live.
const SCENARIOS = ['anon', 'patient:self', 'patient:other', 'patient:foreign', 'physio:own', 'physio:foreign', 'admin:own', 'admin:foreign'] as const;
type Scenario = (typeof SCENARIOS)[number];
const CODES = { ok: 'ok', '401': 'unauthenticated', '403': 'forbidden', '404': 'not_found', '422': 'invalid', '409': 'conflict' } as const;
type Code = keyof typeof CODES;
type Outcome = (typeof CODES)[Code];

/** Eight answers in SCENARIOS order, e.g. '401 ok 404 404 ok 404 403 403'. */
function answers(spec: string): Record<Scenario, Outcome> {
  const codes = spec.trim().split(/\s+/) as Code[];
  if (codes.length !== SCENARIOS.length || codes.some((c) => !(c in CODES))) throw new Error(`bad expectation "${spec}"`);
  return Object.fromEntries(SCENARIOS.map((s, i) => [s, CODES[codes[i]!]])) as Record<Scenario, Outcome>;
}

type Cell = { scenario: Scenario; world: World; actor: Actor | null; own: boolean };

function form(values: Record<string, unknown>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) fd.append(k, String(item));
  }
  return fd;
}

const painInput = (c: Cell) => ({ idempotencyKey: key(), score: '4', locations: 'lower-back', notes: 'matrix', ...(c.scenario.startsWith('patient:self') ? {} : { patientId: c.world.patient.id }) });
const sessionInput = (c: Cell) => ({ idempotencyKey: key(), activity: 'walk', date: today(), durationMin: '20', rpe: '3', ...(c.scenario === 'patient:self' ? {} : { patientId: c.world.patient.id }) });
const exerciseForm = (c: Cell, extra: Record<string, unknown> = {}) => ({
  title: 'Matrix squat', summary: 'Squat to a chair.', category: 'strength', bodyRegions: 'hips', equipment: 'chair', difficulty: 'beginner',
  sets: '2', reps: '8', sessionsPerWeek: '3', steps: 'Stand\nSit\nStand up', feel: 'Thighs working', cautions: 'Stop if sharp pain',
  // Another practice's exercise is not in this caller's library.
  regression: c.own ? '' : c.world.exercise.slug, ...extra,
});
const programInput = async () => ({
  title: 'Matrix program', startDate: today(), articleSlugs: [],
  items: [{ exerciseId: await libraryExerciseId('bird-dog'), sets: 2, reps: 8, sessionsPerWeek: 3 }],
});
const settingsForm = { name: 'Renamed practice', timeZone: 'Europe/London', distanceUnit: 'km', painWorseMinPoints: '2', acwrSpike: '1.5', weeklyDistanceRedPct: '30', adherenceLowPct: '50', inactivityDays: '14', sessionIdleMinutes: '60' };

type AnyFn = (...args: unknown[]) => Promise<unknown>;
/** A form's action answers a save with Next's redirect to the record: that redirect is its 'ok'. */
async function savedThenRedirected(run: Promise<unknown>): Promise<unknown> {
  try {
    return await run;
  } catch (error) {
    if (isRedirectError(error)) return { ok: true };
    throw error;
  }
}
/** bearer: the proof is in the input (a one-time link), not the session: it acts on that link's account wherever it is. */
type Row = { expect: Record<Scenario, Outcome>; call: (fn: AnyFn, c: Cell) => Promise<unknown>; bearer?: true };

// ---------------------------------------------------------------------------------------
// Server actions: file#export -> answers for
//                                 anon self other p-foreign physio physio-foreign admin admin-foreign
const ACTIONS: Record<string, Row> = {
  'admin/change-user-roles#changeUserRolesAction': {
    expect: answers('401 403 403 403 403 403 ok 404'),
    call: (fn, c) => fn(null, form({ userId: c.world.staffUser.id, roles: ['physio', 'admin'] })),
  },
  'admin/invite-staff#inviteStaffAction': {
    // Foreign: the email of another practice's account. Logins are unique across practices,
    // so the answer is "already used", with no detail about that account.
    expect: answers('401 403 403 403 403 403 ok 422'),
    call: (fn, c) => fn(null, form({ name: 'New Colleague', roles: 'physio', email: c.own ? `new.${key()}@test.example` : c.world.staffUser.email })),
  },
  'admin/issue-password-reset#issuePasswordResetAction': {
    expect: answers('401 403 403 403 ok 404 ok 404'),
    call: (fn, c) => fn(null, form({ userId: c.world.patientUser.id })),
  },
  'admin/reassign-patients#reassignPatientsAction': {
    expect: answers('401 403 403 403 403 403 ok 404'),
    call: (fn, c) => fn(null, form({ fromUserId: c.world.physioUser.id, toUserId: c.world.staffUser.id })),
  },
  'admin/resend-invite#resendInviteAction': {
    expect: answers('401 403 403 403 403 403 ok 404'),
    call: (fn, c) => fn(null, form({ userId: c.world.invitedUserId })),
  },
  'admin/reset-two-factor#resetTwoFactorAction': {
    expect: answers('401 403 403 403 403 403 ok 404'),
    call: (fn, c) => fn(null, form({ userId: c.world.staffUser.id })),
  },
  'admin/set-user-status#setUserStatusAction': {
    expect: answers('401 403 403 403 403 403 ok 404'),
    call: (fn, c) => fn(null, form({ userId: c.world.staffUser.id, status: 'deactivated' })),
  },
  'admin/update-practice-settings#updatePracticeSettingsAction': {
    // No target id: the foreign cell posts the other practice's id, which is ignored
    // (the digest proves the other practice is unchanged).
    expect: answers('401 403 403 403 403 403 ok ok'),
    call: (fn, c) => fn(null, form({ ...settingsForm, practiceId: c.world.practiceId, id: c.world.practiceId })),
  },
  'alerts/acknowledge-alert#acknowledgeAlertAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, { patientId: c.world.patient2.id, kind: 'no-logs' }),
  },
  'alerts/acknowledge-alerts#acknowledgeAlertsAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, { items: [`${c.world.patient2.id}:no-logs`], reason: 'Reviewed at the team meeting' }),
  },
  'alerts/close-safety-alert#closeSafetyAlertAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, form({ alertId: c.world.safetyAlertId, action: 'called-patient', note: 'Called: settled, booked Thursday' })),
  },
  'auth/sign-in#signInAction': {
    // Public by design (no session needed); a malformed form is refused for everyone.
    expect: answers('422 422 422 422 422 422 422 422'),
    call: (fn) => fn(null, form({ email: 'not-an-email', password: '' })),
  },
  'auth/two-factor#startTwoFactorAction': {
    // The caller's own account only: no input.
    expect: answers('401 ok ok ok ok ok ok ok'),
    call: (fn) => fn(),
  },
  'auth/two-factor#confirmTwoFactorAction': {
    // Nothing was started and the code is wrong: refused for everyone signed in.
    expect: answers('401 422 422 422 422 422 422 422'),
    call: (fn) => fn(null, form({ code: '000000' })),
  },
  'auth/sign-out-everywhere#signOutEverywhereAction': {
    // Always the caller's own sessions: there is no input naming anyone else.
    expect: answers('401 ok ok ok ok ok ok ok'),
    call: (fn) => fn(),
  },
  'auth/sign-out#signOutAction': {
    expect: answers('ok ok ok ok ok ok ok ok'),
    call: (fn) => fn(),
  },
  'entries/complete-exercise#completeExerciseAction': {
    expect: answers('401 ok 404 404 ok 404 403 403'),
    call: (fn, c) => fn(null, { programItemId: c.world.itemId, idempotencyKey: key(), done: 'true' }),
  },
  'entries/correct-pain#correctPainAction': {
    expect: answers('401 ok 404 404 ok 404 403 403'),
    call: (fn, c) => fn(null, { correctsId: c.world.painId, reason: 'Wrong score', idempotencyKey: key(), score: '3', locations: 'lower-back' }),
  },
  'entries/check-in-session#checkInSessionAction': {
    expect: answers('401 ok 404 404 ok 404 403 403'),
    call: (fn, c) => fn(null, { sessionId: c.world.yesterdayRunId, morningAfter: 'usual', ...(c.scenario === 'patient:self' ? {} : { patientId: c.world.patient.id }) }),
  },
  'entries/correct-session#correctSessionAction': {
    expect: answers('401 ok 404 404 ok 404 403 403'),
    call: (fn, c) => fn(null, { correctsId: c.world.sessionId, reason: 'Wrong time', idempotencyKey: key(), activity: 'run', date: today(), durationMin: '25', rpe: '4' }),
  },
  'entries/log-pain#logPainAction': {
    expect: answers('401 ok 404 404 ok 404 403 403'),
    call: (fn, c) => fn(null, painInput(c)),
  },
  'imports/rate-imported-session#rateImportedSessionAction': {
    // The patient, or their practice's physio, rates an imported run of this patient; others find nothing.
    expect: answers('401 ok 404 404 ok 404 403 403'),
    call: (fn, c) => fn(null, { sessionId: c.world.unratedImportId, rpe: '6' }),
  },
  'entries/log-session#logSessionAction': {
    expect: answers('401 ok 404 404 ok 404 403 403'),
    call: (fn, c) => fn(null, sessionInput(c)),
  },
  'entries/void-entry#voidEntryAction': {
    expect: answers('401 ok 404 404 ok 404 403 403'),
    call: (fn, c) => fn(null, { kind: 'pain', id: c.world.painId, reason: 'Logged twice' }),
  },
  'measures/assign-measure#assignMeasureAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, { patientId: c.world.patient.id, measureSlug: 'running-function-check', atIntake: 'on', everyWeeks: '4' }),
  },
  'measures/end-measure-schedule#endMeasureScheduleAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, { scheduleId: c.world.measureScheduleId, patientId: c.world.patient.id }),
  },
  'measures/save-measure-response#saveMeasureResponseAction': {
    // A patient answers for their own record only (no patient id is taken), and only a questionnaire
    // they were asked for: the world's patient has a live PSFS schedule, the other patients none.
    // Staff answer nothing here.
    expect: answers('401 ok 404 404 422 422 403 403'),
    call: (fn) => fn(null, { measureSlug: 'patient-specific-functional-scale', intent: 'save' }),
  },
  'programs/send-program#sendProgramAction': {
    // No mail server in tests: an allowed caller gets "not emailed", and nothing is sent.
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, { patientId: c.world.patient.id }),
  },
  'reminders/save-reminders#saveRemindersAction': {
    // A patient sets their own; staff have no reminders of their own to set.
    expect: answers('401 ok ok ok 404 404 403 403'),
    call: (fn) => fn(null, { exerciseReminderAt: '07:30', timeZone: 'Europe/London' }),
  },
  'exercises/create-exercise#createExerciseAction': {
    expect: answers('401 403 403 403 ok 422 403 403'),
    call: (fn, c) => fn(null, form(exerciseForm(c))),
  },
  'exercises/create-exercise#createExerciseFormAction': {
    expect: answers('401 403 403 403 ok 422 403 403'),
    call: (fn, c) => savedThenRedirected(fn(null, form(exerciseForm(c)))),
  },
  'exercises/retire-exercise#retireExerciseAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, form({ id: c.world.exercise.id, retired: 'true' })),
  },
  'exercises/update-exercise#updateExerciseAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, form({ ...exerciseForm({ ...c, own: true }), id: c.world.exercise.id })),
  },
  'exercises/update-exercise#updateExerciseFormAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => savedThenRedirected(fn(null, form({ ...exerciseForm({ ...c, own: true }), id: c.world.exercise.id }))),
  },
  'invites/invite-patient#invitePatientAction': {
    expect: answers('401 403 403 403 ok 404 ok 404'),
    call: (fn, c) => fn(null, form({ patientId: c.world.patient2.id })),
  },
  'invites/set-password#setPasswordAction': {
    // Public by design: the one-time link is the proof, whoever holds it.
    expect: answers('ok ok ok ok ok ok ok ok'),
    bearer: true,
    call: (fn, c) => fn(null, form({ token: c.world.inviteToken, password: 'a long quiet river bank', confirm: 'a long quiet river bank' })),
  },
  'patients/create-patient#createPatientAction': {
    // Foreign: naming another practice's physio as the treating physio.
    expect: answers('401 403 403 403 ok 422 403 403'),
    call: (fn, c) => fn(null, form({ firstName: 'New', lastName: 'Patient', ...(c.own ? {} : { treatingPhysioId: c.world.physioUser.id }) })),
  },
  'patients/create-patient#createPatientFormAction': {
    expect: answers('401 403 403 403 ok 422 403 403'),
    call: (fn, c) => savedThenRedirected(fn(null, form({ firstName: 'New', lastName: 'Patient', ...(c.own ? {} : { treatingPhysioId: c.world.physioUser.id }) }))),
  },
  'patients/set-patient-status#setPatientStatusAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, form({ id: c.world.patient2.id, status: 'discharged' })),
  },
  'patients/update-patient#updatePatientAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, form({ id: c.world.patient.id, firstName: 'Changed', lastName: 'Name' })),
  },
  'patients/update-patient#updatePatientFormAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => savedThenRedirected(fn(null, form({ id: c.world.patient.id, firstName: 'Changed', lastName: 'Name' }))),
  },
  'patients/update-screening#updateScreeningAction': {
    // Red-flag history is clinical: physios of the practice only (not admins, not the patient).
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, form({ patientId: c.world.patient.id, flags: ['cancer-history', 'weight-loss'] })),
  },
  'programs/create-program#createProgramAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: async (fn, c) => fn({ patientId: c.world.patient.id, program: await programInput() }),
  },
  'programs/end-program#endProgramAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: (fn, c) => fn(null, form({ programId: c.world.program.id, version: String(c.world.program.version), patientId: c.world.patient.id })),
  },
  'programs/update-program#updateProgramAction': {
    expect: answers('401 403 403 403 ok 404 403 403'),
    call: async (fn, c) => fn({ programId: c.world.program.id, version: c.world.program.version, program: await programInput() }),
  },
};

// ---------------------------------------------------------------------------------------
// Data layer: reads called directly with an actor (no anonymous column: the data layer
// only ever receives an Actor from requireActor()). Writes are reached through the
// actions above; helpers that take no actor are listed with the reason.
/** noClinicalFor: a caller without a clinical role, whose answer must carry nothing clinical (see CLINICAL). */
type DataRow = { expect: Record<Scenario, Outcome>; call: (fn: AnyFn, c: Cell & { actor: Actor }) => Promise<unknown>; noClinicalFor?: Scenario };

/** What the world's clinical records hold (pain and session notes, scores, red flags, the patient's notes). */
const CLINICAL = (w: World) => [`pain ${w.marker}`, `run ${w.marker}`, `notes ${w.marker}`, '"score"', '"redFlags"', '"tier"', 'leg-numbness'];
const D = (spec: string) => answers(`401 ${spec}`);
/** The log kinds (those an entry can be voided as). */
const LOG_KINDS = voidEntrySchema.shape.kind.options;
/**
 * A read taking a log kind, called for each kind: every kind must answer alike, so a cell
 * checks them all (a refusal of one kind and not another fails it as a crash).
 */
async function everyKind(read: (kind: EntryKind) => Promise<unknown>): Promise<unknown[]> {
  const outcomes: { kind: EntryKind; code: string; value?: unknown; error?: unknown }[] = [];
  for (const kind of LOG_KINDS) {
    try {
      outcomes.push({ kind, code: 'ok', value: await read(kind) });
    } catch (error) {
      outcomes.push({ kind, code: isAppError(error) ? error.code : 'crash', error });
    }
  }
  if (new Set(outcomes.map((o) => o.code)).size > 1) throw new Error(`log kinds answered differently: ${outcomes.map((o) => `${o.kind} ${o.code}`).join(', ')}`);
  if (outcomes[0]!.code !== 'ok') throw outcomes[0]!.error;
  return outcomes.map((o) => o.value);
}
const DATA: Record<string, DataRow> = {
  // admin:own is a practice manager (admin without physio): the events, not their clinical details.
  'audit-log#listAuditEvents': { expect: D('403 403 403 403 403 ok ok'), call: (fn, c) => fn(c.actor, { patientId: c.world.patient.id }), noClinicalFor: 'admin:own' },
  'audit-log#exportAuditEvents': { expect: D('403 403 403 403 403 ok ok'), call: (fn, c) => fn(c.actor, { patientId: c.world.patient.id }), noClinicalFor: 'admin:own' },
  'caseload#getCaseload': { expect: D('403 403 403 ok ok 403 403'), call: (fn, c) => fn(c.actor, { scope: 'practice' }) },
  'caseload#getPatientAlerts': { expect: D('403 403 403 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'completions#listCompletions': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id, '2000-01-01', '2100-01-01') },
  // Pain reports and sessions alike (see everyKind).
  'entries/index#listEntries': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => everyKind((kind) => fn(c.actor, kind, c.world.patient.id, { includeVoided: true })) },
  'exercises#listExercises': { expect: D('403 403 403 ok ok 403 403'), call: (fn, c) => fn(c.actor) },
  'exercises#getExercise': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.exercise.id) },
  'invites#describeToken': { expect: D('ok ok ok ok ok ok ok'), call: (fn, c) => fn(c.world.inviteToken, 'invite') },
  // The clinical record: clinical roles only (a practice manager gets 403, before any lookup).
  'patient-export#assertCanExport': { expect: D('403 403 403 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'patient-export#exportPatientData': { expect: D('403 403 403 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id, 'json') },
  // Identity, contact and account data: what a practice manager may export.
  'patient-export#exportPatientContact': { expect: D('403 403 403 ok 404 ok 404'), call: (fn, c) => fn(c.actor, c.world.patient.id, 'json'), noClinicalFor: 'admin:own' },
  'patient-options#listPatientOptions': { expect: D('403 403 403 ok ok ok ok'), call: (fn, c) => fn(c.actor, { includeArchived: true }) },
  'patients#getPatient': { expect: D('ok 404 404 ok 404 ok 404'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'patients#getCareContact': { expect: D('ok 404 404 ok 404 ok 404'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'patients#listPatients': { expect: D('403 403 403 ok ok ok ok'), call: (fn, c) => fn(c.actor, { status: 'all', search: c.world.marker, withAlerts: true, sort: 'lastPain' }), noClinicalFor: 'admin:own' },
  'patients#getPortalAccount': { expect: D('403 403 403 ok 404 ok 404'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'patients#listPhysios': { expect: D('403 403 403 ok ok ok ok'), call: (fn, c) => fn(c.actor) },
  'reminders#getReminderSettings': { expect: D('ok 404 404 ok 404 ok 404'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'measures#overdueMeasures': { expect: D('403 403 403 ok ok 403 403'), call: (fn, c) => fn(c.actor, 'practice') },
  'measures#listPatientMeasures': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  // The signed-in patient's own due measures; staff have none.
  'measures#dueMeasures': { expect: D('ok ok ok ok ok ok ok'), call: (fn, c) => fn(c.actor) },
  'run-imports#listUnratedImports': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'pain-monitoring#listMonitoredSessions': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id, '2020-01-01') },
  // The guides' emergency number and pain-monitoring limits: for anyone signed in to the practice.
  'practice-settings#getGuideSettings': { expect: D('ok ok ok ok ok ok ok'), call: (fn, c) => fn(c.actor) },
  'practice-settings#getPracticeSettings': { expect: D('403 403 403 403 403 ok ok'), call: (fn, c) => fn(c.actor) },
  'programs#getActiveProgram': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'programs#getProgram': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.program.id) },
  'programs#listProgramHistory': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  'trends#getPatientTrends': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id, 4) },
  'users#accountSummary': { expect: D('403 403 403 403 403 ok ok'), call: (fn, c) => fn(c.actor) },
  'users#getUser': { expect: D('403 403 403 403 403 ok 404'), call: (fn, c) => fn(c.actor, c.world.staffUser.id) },
  'users#listStaff': { expect: D('403 403 403 403 403 ok ok'), call: (fn, c) => fn(c.actor) },
  'users#listUsers': { expect: D('403 403 403 403 403 ok ok'), call: (fn, c) => fn(c.actor, { search: c.world.marker }) },
  'safety-alerts#listSafetyAlerts': { expect: D('ok 404 404 ok 404 403 403'), call: (fn, c) => fn(c.actor, c.world.patient.id) },
  // Ids of another practice's alerts come back as nothing (the digest and secrets checks hold).
  'safety-alerts#getWarningSignDetails': { expect: D('403 403 403 ok ok 403 403'), call: (fn, c) => fn(c.actor, [c.world.safetyAlertId]) },
};

/** Data-layer writes: each is what one server action calls, and is tested through it. */
const VIA_ACTION: Record<string, string> = {
  'caseload#acknowledgeAlert': 'alerts/acknowledge-alert#acknowledgeAlertAction',
  'caseload#acknowledgeAlerts': 'alerts/acknowledge-alerts#acknowledgeAlertsAction',
  'safety-alerts#closeSafetyAlert': 'alerts/close-safety-alert#closeSafetyAlertAction',
  'completions#setCompletion': 'entries/complete-exercise#completeExerciseAction',
  'entries/index#correctPain': 'entries/correct-pain#correctPainAction',
  'entries/index#correctSession': 'entries/correct-session#correctSessionAction',
  'entries/index#voidEntry': 'entries/void-entry#voidEntryAction',
  'exercises#createCustomExercise': 'exercises/create-exercise#createExerciseAction',
  'exercises#setCustomExerciseRetired': 'exercises/retire-exercise#retireExerciseAction',
  'exercises#updateCustomExercise': 'exercises/update-exercise#updateExerciseAction',
  'invites#acceptToken': 'invites/set-password#setPasswordAction',
  'invites#invitePatient': 'invites/invite-patient#invitePatientAction',
  'invites#inviteStaff': 'admin/invite-staff#inviteStaffAction',
  'invites#issuePasswordReset': 'admin/issue-password-reset#issuePasswordResetAction',
  'invites#resendInvite': 'admin/resend-invite#resendInviteAction',
  'entries/index#logPain': 'entries/log-pain#logPainAction',
  'reminders#saveReminderSettings': 'reminders/save-reminders#saveRemindersAction',
  'handout#sendProgramToPatient': 'programs/send-program#sendProgramAction',
  'measures#assignMeasure': 'measures/assign-measure#assignMeasureAction',
  'measures#endMeasureSchedule': 'measures/end-measure-schedule#endMeasureScheduleAction',
  'measures#saveMeasureResponse': 'measures/save-measure-response#saveMeasureResponseAction',
  'run-imports#rateImportedSession': 'imports/rate-imported-session#rateImportedSessionAction',
  'pain-monitoring#recordMorningCheckIn': 'entries/check-in-session#checkInSessionAction',
  'patients#createPatient': 'patients/create-patient#createPatientAction',
  'patients#setPatientStatus': 'patients/set-patient-status#setPatientStatusAction',
  'patients#updatePatient': 'patients/update-patient#updatePatientAction',
  'practice-settings#updatePracticeSettings': 'admin/update-practice-settings#updatePracticeSettingsAction',
  'programs#createProgram': 'programs/create-program#createProgramAction',
  'programs#endProgram': 'programs/end-program#endProgramAction',
  'programs#updateProgram': 'programs/update-program#updateProgramAction',
  'screening#updateScreening': 'patients/update-screening#updateScreeningAction',
  'entries/index#logSession': 'entries/log-session#logSessionAction',
  'users#changeUserRoles': 'admin/change-user-roles#changeUserRolesAction',
  'users#reassignPatients': 'admin/reassign-patients#reassignPatientsAction',
  'users#setUserStatus': 'admin/set-user-status#setUserStatusAction',
};

/** Exports that are not entry points: no Actor, called only inside the data layer after its checks. */
const INTERNAL: Record<string, string> = {
  'reminders#unsubscribeFromReminders': 'the signed email link (no actor): the HMAC token is the proof, tested in tests/integration/reminders.test.ts',
  'measures#assignableMeasures': 'the shipped instrument list from content/, no patient data',
  'run-imports#importUpload': 'reached by the POST /api/imports route (a streamed upload, not a server action): requireActor, then resolveEntryPatient as in logSession; covered by tests/integration/run-import.test.ts',
  'measures#scheduleTemplateMeasures': 'inside createProgram\'s transaction, for the patient it already checked (reached by programs/create-program#createProgramAction)',
  'pain-monitoring#monitoredSessionsOf': 'listMonitoredSessions without its checks, for the export after assertCanExport',
  'trends#patientTrendsOf': 'getPatientTrends without its checks, for the export after assertCanExport',
  'alert-state#refreshAlertState': 'recomputes stored alerts for ids an actor-scoped write already resolved',
  'alert-state#refreshStaleAlertStates': 'daily recompute for a practice id taken from the actor',
  'alert-state#refreshStaleAlertStatesAfterResponse': 'the same recompute, after the response, for a practice id taken from the actor',
  'alert-state#markStaleInWrite': 'marks (and queues the recompute of) a patient that an actor-scoped write already resolved, inside that write\'s transaction',
  'alert-state#writeMarkingAlerts': 'the transaction of an actor-scoped write (logEntry, setCompletion, recordMorningCheckIn, the imports), each checks access itself: assertCan first, the patient resolved for the actor inside the write',
  'alert-state#writeMarkingAlertsInItsStatement': 'the form of writeMarkingAlerts whose write carries the mark, behind logEntryInOneStatement and setCompletion (each checks access first and resolves the patient)',
  'alert-state#refreshAllStaleAlertStates': 'daily job over every practice, no caller input',
  'adherence-items#adherenceItemsSql': 'SQL fragment for the alert state and the trends; practice id from the caller that already checked access',
  'adherence-items#adherenceCompletionsSql': 'SQL fragment for the alert state and the trends; practice id from the caller that already checked access',
  'adherence-items#toAdherenceItem': 'pure row mapping, no data access',
  'adherence-items#toAdherenceCompletion': 'pure row mapping, no data access',
  'adherence-items#rowsOf': 'pure result unwrapping, no data access',
  'caseload#warningSignAlertIds': 'pure: the warning-sign ids among rows getCaseload already returned, no data access',
  'audit#audit': 'appends an event for the actor',
  'audit#auditWrittenRows': 'SQL fragment: the actor\'s audit event for the rows an earlier part of the caller\'s statement writes',
  'audit#auditWrittenValues': 'pure: the values auditWrittenRows sends for the actor\'s event, no data access',
  'audit#auditSystem': 'appends an event without an actor (sign-in, invitations)',
  'audit-log#recordPatientView': 'appends the actor\'s patient.view event (at most one per 10 minutes) for a record getPatient already reached',
  'access-tokens#issueToken': 'transaction helper: issues a link for an account the calling action already checked',
  'access-tokens#linkFor': 'pure URL building',
  'exercises#toListItem': 'pure mapping',
  'invites#hashToken': 'pure hashing',
  'patients#withoutClinical': 'pure mapping: drops the clinical fields of a record the caller already reached',
  'entries/pain#insertPain': 'transaction helper behind logPain/correctPain, patient already resolved',
  'entries/insert#entryInsert': 'SQL builder: an entry\'s idempotent INSERT for a patient the caller already resolved (insertEntry; bench/log-statement.ts)',
  'entries/insert#compiledEntryInsert': 'SQL builder: the same INSERT as a compiled statement\'s part, for a patient the caller already resolved (logEntryInOneStatement; bench/log-statement.ts)',
  'entries/insert#insertEntry': 'transaction helper behind insertPain/insertSession: one idempotent insert and its audit, patient already resolved',
  'entries/insert#logEntry': 'the shared body of logPain/logSession (entry:log, then resolveEntryPatient), reached through their actions',
  'entries/insert#logEntryInOneStatement': 'the one-statement body of logPain for a report that cannot be a warning sign (entry:log, then resolveEntryPatient), reached through its actions',
  'safety-alerts#mayBeWarningSign': 'pure: whether a report\'s symptoms and score could make it a warning sign, no data access',
  'safety-alerts#recordWarningSigns': 'transaction helper behind insertPain: judges the report just saved for the resolved patient',
  'safety-alerts#queueNotifications': 'transaction helper: records who is told about an alert the caller already holds',
  'safety-alerts#escalateIfUnactioned': 'job handler at an alert\'s deadline, no caller input',
  'safety-alerts#safetyReceipt': 'reads back the receipt of the report the calling action just saved (a patient only their own)',
  'entries/session#insertSession': 'transaction helper behind logSession/correctSession, patient already resolved',
  'scope#patientScope': 'builds the practice/patient condition from the actor',
  'scope#assertOwnPatient': 'guard used by every read above',
  'scope#assertPatientReachable': 'guard used by every read above',
  'scope#resolveEntryPatient': 'guard used by every entry write',
  'scope#assertLogDate': 'pure date check',
};

// ---------------------------------------------------------------------------------------
const root = path.resolve(__dirname, '../..');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Every exported async function of every 'use server' file under lib/actions. */
async function serverActions(): Promise<Map<string, AnyFn>> {
  const found = new Map<string, AnyFn>();
  for (const file of listFiles(path.join(root, 'lib/actions')).sort()) {
    if (!/^\s*['"]use server['"]/.test(readFileSync(file, 'utf8'))) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    const rel = path.relative(path.join(root, 'lib/actions'), file).replace(/\.ts$/, '');
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') found.set(`${rel}#${name}`, value as AnyFn);
  }
  return found;
}

/** Every exported function of the data layer. */
async function dataFunctions(): Promise<Map<string, AnyFn>> {
  const found = new Map<string, AnyFn>();
  for (const file of listFiles(path.join(root, 'lib/data')).sort()) {
    const mod = (await import(file)) as Record<string, unknown>;
    const rel = path.relative(path.join(root, 'lib/data'), file).replace(/\.ts$/, '');
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') found.set(`${rel}#${name}`, value as AnyFn);
  }
  return found;
}

function outcomeOf(result: unknown): Outcome {
  if (result && typeof result === 'object' && 'ok' in result) {
    const r = result as { ok: boolean; code?: Outcome; fieldErrors?: Record<string, string[]> };
    if (r.ok) return 'ok';
    if (r.code) return r.code;
    return Object.keys(r.fieldErrors ?? {}).length ? 'invalid' : 'forbidden';
  }
  return 'ok';
}

type Home = { world: World; home: string; other?: { user: Parameters<typeof actorFor>[0] }; foreignUser?: Parameters<typeof actorFor>[0] };
/** One world per caller kind, rebuilt only after a cell changed it (refusals change nothing). */
const homes = new Map<Scenario, Home>();

async function homeFor(scenario: Scenario): Promise<Home> {
  const existing = homes.get(scenario);
  if (existing) return existing;
  const world = await buildWorld();
  const own = !scenario.endsWith('foreign');
  const home = own ? world.practiceId : (await createPractice()).id;
  const h: Home = { world, home };
  if (scenario === 'patient:other' || scenario === 'patient:foreign') h.other = { user: (await patientAccount(home)).user };
  if (scenario === 'physio:foreign') h.foreignUser = await createStaff(home, ['physio']);
  if (scenario === 'admin:foreign') h.foreignUser = await createStaff(home, ['admin']);
  homes.set(scenario, h);
  return h;
}

async function makeCell(scenario: Scenario): Promise<Cell & { practices: string[] }> {
  const own = !scenario.endsWith('foreign');
  const { world, home, other, foreignUser } = await homeFor(scenario);
  const user =
    scenario === 'patient:self' ? world.patientUser
    : scenario === 'physio:own' ? world.physioUser
    : scenario === 'admin:own' ? world.adminUser
    : (other?.user ?? foreignUser ?? null);
  let actor: Actor | null = null;
  if (user) {
    actor = await actorFor(user);
    signInAs(user);
  } else signOut();
  return { scenario, world, actor, own, practices: [...new Set([world.practiceId, home])] };
}

/** Checks shared by every cell; returns the answer. */
async function runCell(label: string, cell: Cell & { practices: string[] }, call: () => Promise<unknown>, bearer = false): Promise<Outcome> {
  const before = await digest(cell.practices);
  let result: unknown;
  let outcome: Outcome;
  try {
    result = await call();
    outcome = outcomeOf(result);
  } catch (error) {
    if (!isAppError(error)) throw new Error(`${label} as ${cell.scenario} crashed: ${String(error)}`, { cause: error });
    outcome = error.code as Outcome;
    result = { message: error.message, fieldErrors: error.fieldErrors };
  }
  const after = await digest(cell.practices);
  // Refusals write nothing, anywhere.
  if (outcome !== 'ok') expect(after, `${label} as ${cell.scenario} refused (${outcome}) but wrote`).toEqual(before);
  // Another practice's records are never changed by a caller from outside it.
  if (!cell.own && !bearer) expect(after[0], `${label} as ${cell.scenario} changed another practice`).toBe(before[0]);
  // Nothing of a record the caller may not reach comes back, not even in an error message.
  if (!cell.own || cell.scenario === 'patient:other') {
    const shown = JSON.stringify(result ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? '';
    // The one-time link names the invited person to whoever holds it: that is its purpose.
    const allowed = label === 'invites/set-password#setPasswordAction' || label === 'invites#describeToken' ? [cell.world.marker] : [];
    for (const secret of cell.world.secrets) if (!allowed.includes(secret)) expect(shown, `${label} as ${cell.scenario} showed ${secret}`).not.toContain(secret);
  }
  // A changed world is rebuilt before the next cell of this caller kind.
  if (after[0] !== before[0]) homes.delete(cell.scenario);
  return outcome;
}

let cells = 0;
const mismatches: string[] = [];

describe('access matrix', () => {
  it('has a row for every server action (add one when you add an action)', async () => {
    const found = [...(await serverActions()).keys()];
    const missing = found.filter((k) => !(k in ACTIONS));
    const stale = Object.keys(ACTIONS).filter((k) => !found.includes(k));
    expect({ missing, stale }, `server actions without a row in tests/security/access-matrix.test.ts ACTIONS: ${missing.join(', ')}`).toEqual({ missing: [], stale: [] });
  });

  it('has a row for every data-layer function (read row, the action that reaches it, or why it is internal)', async () => {
    const fns = await dataFunctions();
    // A function re-exported by another file is covered by a row under any of its names.
    const names = new Map<AnyFn, string[]>();
    for (const [k, fn] of fns) names.set(fn, [...(names.get(fn) ?? []), k]);
    const covered = (k: string) => k in DATA || k in VIA_ACTION || k in INTERNAL;
    const missing = [...names.values()].filter((keys) => !keys.some(covered)).map((keys) => keys.join(' = '));
    const stale = [...Object.keys(DATA), ...Object.keys(VIA_ACTION)].filter((k) => !fns.has(k));
    expect({ missing, stale }, `data functions without a row: ${missing.join(', ')}`).toEqual({ missing: [], stale: [] });
    for (const action of Object.values(VIA_ACTION)) expect(ACTIONS, `VIA_ACTION names ${action}`).toHaveProperty([action]);
  });

  it('every server action answers as the table says, for every caller', { timeout: 600_000 }, async () => {
    const actions = await serverActions();
    for (const [label, row] of Object.entries(ACTIONS)) {
      const fn = actions.get(label);
      if (!fn) continue; // reported by the first test
      for (const scenario of SCENARIOS) {
        const cell = await makeCell(scenario);
        const got = await runCell(label, cell, () => row.call(fn, cell), row.bearer);
        cells++;
        if (got !== row.expect[scenario]) mismatches.push(`${label} as ${scenario}: expected ${row.expect[scenario]}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every data-layer read answers as the table says, for every caller', { timeout: 600_000 }, async () => {
    const fns = await dataFunctions();
    const wrong: string[] = [];
    for (const [label, row] of Object.entries(DATA)) {
      const fn = fns.get(label);
      if (!fn) continue;
      for (const scenario of SCENARIOS.filter((s) => s !== 'anon')) {
        const cell = await makeCell(scenario);
        let result: unknown;
        const got = await runCell(label, cell, async () => (result = await row.call(fn, { ...cell, actor: cell.actor! })));
        cells++;
        if (got !== row.expect[scenario]) wrong.push(`${label} as ${scenario}: expected ${row.expect[scenario]}, got ${got}`);
        if (row.noClinicalFor === scenario && got === 'ok') {
          const shown = JSON.stringify(result ?? null);
          for (const clinical of CLINICAL(cell.world)) if (shown.includes(clinical)) wrong.push(`${label} as ${scenario}: shows clinical ${clinical}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  afterAll(() => {
    console.log(`access matrix: ${cells} cells (${Object.keys(ACTIONS).length} server actions x ${SCENARIOS.length} callers, ${Object.keys(DATA).length} data reads x ${SCENARIOS.length - 1} callers)`);
  });
});
