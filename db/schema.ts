// The whole product's tables. Tenancy rule: every practice-owned row carries
// practice_id, and every index that serves a practice's queries starts with it
// (or with patient_id, which already belongs to one practice).
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Alert, StoredAlert } from '../lib/analytics/alerts';
import type { Answers } from '../lib/analytics/measures';
import type { ProgramSnapshot } from '../lib/validation/program';
import { CLOSE_ACTIONS } from '../lib/validation/safety';
import {
  ACTIVITIES,
  ALERT_KINDS,
  DISTANCE_UNITS,
  ENTRY_SOURCES,
  ILLUSTRATIONS,
  MORNING_AFTER,
  NOTIFICATION_REASONS,
  NOTIFICATION_STATUSES,
  PATIENT_STATUSES,
  PROGRAM_STATUSES,
  RED_FLAG_TIERS,
  ROLES,
  USER_STATUSES,
} from '../lib/validation/vocabulary';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export type PracticeSettings = {
  sessionIdleMinutes: number;
  painWorseMinPoints: number;
  acwrSpike: number;
  weeklyDistanceRedPct: number;
  adherenceLowPct: number;
  inactivityDays: number;
  /** Shown to patients with safety messages (rows saved before these existed lack them). */
  phone?: string | null;
  /** The local emergency number; when unset the portal infers it from the time zone where it can. */
  emergencyNumber?: string | null;
  /** A shared address told about every escalated warning sign (rows saved before it existed lack it). */
  safetyInbox?: string | null;
  /** A pain score at or above this on two days running is a review-tier warning sign (default 8). */
  severePainScore?: number;
  /** Minutes an emergency-tier warning sign may stay without action before the leads are told (default 120). */
  escalateEmergencyMinutes?: number;
  /** Working days (Mon–Fri) a same-day warning sign may stay without action before the leads are told (default 1). */
  escalateSameDayWorkingDays?: number;
  /** Staff must sign in with a second factor (TOTP); an unenrolled member is sent to enrolment first. */
  requireStaffTwoFactor?: boolean;
  /** Pain during a session above this (0–10) is "too much" (lib/analytics/pain-monitoring.ts; default 5). */
  painDuringMax?: number;
  /** A rise of at least this many points in the week's pain on the week before is "too much" (default 1). */
  painWeeklyRisePoints?: number;
};

export const practices = pgTable('practices', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timeZone: text('time_zone').notNull().default('Europe/London'),
  distanceUnit: text('distance_unit', { enum: DISTANCE_UNITS }).notNull().default('km'),
  settings: jsonb('settings').$type<PracticeSettings>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// The vocabulary's roles, re-exported for the modules that read them with the users table.
export { ROLES, type Role } from '../lib/validation/vocabulary';

export const users = pgTable(
  'users',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    roles: text('roles').array().$type<(typeof ROLES)[number][]>().notNull(),
    status: text('status', { enum: USER_STATUSES }).notNull().default('invited'),
    // Set for patient accounts only: the one patient record this login may reach.
    patientId: uuid('patient_id')
      .unique()
      .references((): AnyPgColumn => patients.id),
    // Bumped on deactivation, role change and password reset: tokens carrying an
    // older value are refused on the next request.
    sessionVersion: integer('session_version').notNull().default(1),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    // Two-factor sign-in (lib/auth/two-factor.ts): the TOTP secret, AES-256-GCM encrypted
    // with a key derived from AUTH_SECRET; set at enrolment, in use once totp_enabled_at is
    // set; the last time step accepted, so a code is never accepted twice.
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_practice_idx').on(t.practiceId, t.status),
    check('users_roles_valid', sql`${t.roles} <@ ARRAY['physio','admin','patient']::text[] AND cardinality(${t.roles}) > 0`),
    check(
      'users_patient_role_exclusive',
      sql`(('patient' = ANY(${t.roles})) = (${t.patientId} IS NOT NULL)) AND (NOT 'patient' = ANY(${t.roles}) OR cardinality(${t.roles}) = 1)`,
    ),
  ],
);

export const patients = pgTable(
  'patients',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    dateOfBirth: date('date_of_birth'),
    email: text('email'),
    phone: text('phone'),
    condition: text('condition'),
    treatingPhysioId: uuid('treating_physio_id').references(() => users.id),
    goals: text('goals'),
    notes: text('notes'),
    status: text('status', { enum: PATIENT_STATUSES }).notNull().default('active'),
    // Date from which the physio measures pain change (defaults to the program start).
    baselineDate: date('baseline_date'),
    // Red-flag history screened at intake (keys of SCREENING_FLAGS in lib/validation/screening.ts).
    screeningFlags: text('screening_flags').array().notNull().default(sql`ARRAY[]::text[]`),
    screeningUpdatedAt: timestamp('screening_updated_at', { withTimezone: true }),
    screeningUpdatedBy: uuid('screening_updated_by').references((): AnyPgColumn => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('patients_practice_name_idx').on(t.practiceId, t.lastName, t.firstName),
    // Also the patients table's default order (last name, first name, id) read straight off the index.
    index('patients_practice_status_idx').on(t.practiceId, t.status, t.lastName, t.firstName, t.id),
    index('patients_practice_physio_idx').on(t.practiceId, t.treatingPhysioId, t.status),
    // The patients table's other sorts, first page off an index (lib/data/patients.ts): age
    // puts unknown dates of birth last in both directions, so one index per direction.
    index('patients_practice_status_created_idx').on(t.practiceId, t.status, t.createdAt, t.id),
    index('patients_practice_status_dob_desc_idx').on(t.practiceId, t.status, t.dateOfBirth.desc().nullsLast(), t.id.asc()),
    index('patients_practice_status_dob_asc_idx').on(t.practiceId, t.status, t.dateOfBirth.asc().nullsLast(), t.id.desc()),
    index('patients_practice_email_idx').on(t.practiceId, t.email),
  ],
);

export type Dosage = {
  sets?: number;
  reps?: number;
  holdSeconds?: number;
  minutes?: number;
  sessionsPerWeek: number;
};

// Library exercises (practice_id null, synced from content/) and a practice's own.
export const exercises = pgTable(
  'exercises',
  {
    id: id(),
    practiceId: uuid('practice_id').references(() => practices.id),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    category: text('category').notNull(),
    bodyRegions: text('body_regions').array().notNull(),
    equipment: text('equipment').array().notNull(),
    difficulty: text('difficulty').notNull(),
    dosage: jsonb('dosage').$type<Dosage>().notNull(),
    steps: jsonb('steps').$type<string[]>().notNull(),
    feel: text('feel').notNull(),
    cautions: jsonb('cautions').$type<string[]>().notNull(),
    regressionSlug: text('regression_slug'),
    progressionSlug: text('progression_slug'),
    illustration: text('illustration', { enum: ILLUSTRATIONS }).notNull().default('placeholder'),
    body: text('body').notNull().default(''),
    contentVersion: text('content_version').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('exercises_practice_slug_key').on(t.practiceId, t.slug).nullsNotDistinct(),
    index('exercises_practice_category_idx').on(t.practiceId, t.category),
  ],
);

export const programs = pgTable(
  'programs',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    title: text('title').notNull(),
    status: text('status', { enum: PROGRAM_STATUSES }).notNull().default('active'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    goals: text('goals'),
    articleSlugs: text('article_slugs').array().notNull().default(sql`ARRAY[]::text[]`),
    templateSlug: text('template_slug'),
    // Optimistic concurrency: a save must name the version it started from.
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('programs_practice_patient_idx').on(t.practiceId, t.patientId, t.status),
    check('programs_dates', sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
  ],
);

export const programItems = pgTable(
  'program_items',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    programId: uuid('program_id').notNull().references(() => programs.id),
    exerciseId: uuid('exercise_id').notNull().references(() => exercises.id),
    position: integer('position').notNull(),
    sets: smallint('sets'),
    reps: smallint('reps'),
    holdSeconds: smallint('hold_seconds'),
    minutes: smallint('minutes'),
    sessionsPerWeek: smallint('sessions_per_week').notNull(),
    load: text('load'),
    notes: text('notes'),
    // Items are replaced on each saved version; old ones stay for history and completions.
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('program_items_program_idx').on(t.programId, t.position),
    check('program_items_sets', sql`${t.sets} IS NULL OR ${t.sets} BETWEEN 1 AND 20`),
    check('program_items_reps', sql`${t.reps} IS NULL OR ${t.reps} BETWEEN 1 AND 200`),
    check('program_items_hold', sql`${t.holdSeconds} IS NULL OR ${t.holdSeconds} BETWEEN 1 AND 900`),
    check('program_items_minutes', sql`${t.minutes} IS NULL OR ${t.minutes} BETWEEN 1 AND 300`),
    check('program_items_spw', sql`${t.sessionsPerWeek} BETWEEN 1 AND 14`),
  ],
);

// A frozen copy of the program and its items at each saved version.
export const programVersions = pgTable(
  'program_versions',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    programId: uuid('program_id').notNull().references(() => programs.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<ProgramSnapshot>().notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique('program_versions_program_version_key').on(t.programId, t.version)],
);

// Columns shared by every patient-logged entry: who entered it, idempotency, void.
const entryColumns = () => ({
  id: id(),
  practiceId: uuid('practice_id').notNull().references(() => practices.id),
  patientId: uuid('patient_id').notNull().references(() => patients.id),
  enteredBy: uuid('entered_by').references(() => users.id),
  source: text('source', { enum: ENTRY_SOURCES }).notNull().default('patient'),
  idempotencyKey: text('idempotency_key'),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: uuid('voided_by').references(() => users.id),
  voidReason: text('void_reason'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const exerciseCompletions = pgTable(
  'exercise_completions',
  {
    ...entryColumns(),
    programItemId: uuid('program_item_id').notNull().references(() => programItems.id),
    completedOn: date('completed_on').notNull(),
  },
  (t) => [
    index('completions_patient_date_idx').on(t.patientId, t.completedOn),
    index('completions_practice_date_idx').on(t.practiceId, t.completedOn),
    unique('completions_idempotency_key').on(t.patientId, t.idempotencyKey),
  ],
);

export const painReports = pgTable(
  'pain_reports',
  {
    ...entryColumns(),
    score: smallint('score').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    // The practice-local calendar day of reported_at: all analytics work on days.
    localDate: date('local_date').notNull(),
    locations: text('locations').array().notNull().default(sql`ARRAY[]::text[]`),
    timing: text('timing'),
    symptoms: text('symptoms').array().notNull().default(sql`ARRAY[]::text[]`),
    redFlags: text('red_flags').array().notNull().default(sql`ARRAY[]::text[]`),
    notes: text('notes'),
    correctsId: uuid('corrects_id'),
    // The warning-sign alert this report opened or added to (null when it had none).
    safetyAlertId: uuid('safety_alert_id'),
  },
  (t) => [
    index('pain_patient_date_idx').on(t.patientId, t.localDate),
    index('pain_practice_date_idx').on(t.practiceId, t.localDate),
    unique('pain_idempotency_key').on(t.patientId, t.idempotencyKey),
    // An entry is corrected once: at most one live replacement points to it (migration 0007).
    uniqueIndex('pain_one_live_correction_idx').on(t.correctsId).where(sql`${t.correctsId} IS NOT NULL AND ${t.voidedAt} IS NULL`),
    check('pain_score_range', sql`${t.score} BETWEEN 0 AND 10`),
  ],
);


export const trainingSessions = pgTable(
  'training_sessions',
  {
    ...entryColumns(),
    activity: text('activity', { enum: ACTIVITIES }).notNull(),
    localDate: date('local_date').notNull(),
    durationMin: real('duration_min').notNull(),
    distanceKm: real('distance_km'),
    // Null only for a run imported from a watch file that the patient has not rated yet
    // (lib/import): it counts towards load from the moment it is rated (docs/clinical.md).
    rpe: smallint('rpe'),
    terrain: text('terrain'),
    painDuring: smallint('pain_during'),
    notes: text('notes'),
    correctsId: uuid('corrects_id'),
    // What an imported file adds (lib/import; null for typed entries): the SHA-256 of the
    // activity file's bytes (the file itself is not kept), when it started, its elapsed time
    // including pauses (duration_min is the moving time), climbing and average heart rate.
    fileHash: text('file_hash'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    elapsedMin: real('elapsed_min'),
    elevationGainM: real('elevation_gain_m'),
    avgHeartRate: smallint('avg_heart_rate'),
  },
  (t) => [
    index('sessions_patient_date_idx').on(t.patientId, t.localDate),
    // The same file is imported once per patient ("already imported").
    uniqueIndex('sessions_patient_file_hash_idx').on(t.patientId, t.fileHash).where(sql`${t.fileHash} IS NOT NULL`),
    check('sessions_rated_unless_imported', sql`${t.rpe} IS NOT NULL OR ${t.source} = 'import'`),
    index('sessions_practice_date_idx').on(t.practiceId, t.localDate),
    unique('sessions_idempotency_key').on(t.patientId, t.idempotencyKey),
    uniqueIndex('sessions_one_live_correction_idx').on(t.correctsId).where(sql`${t.correctsId} IS NOT NULL AND ${t.voidedAt} IS NULL`),
    check('sessions_rpe_range', sql`${t.rpe} BETWEEN 0 AND 10`),
    check('sessions_duration_positive', sql`${t.durationMin} > 0 AND ${t.durationMin} <= 1440`),
    check('sessions_distance_positive', sql`${t.distanceKm} IS NULL OR (${t.distanceKm} > 0 AND ${t.distanceKm} <= 1000)`),
    check('sessions_pain_range', sql`${t.painDuring} IS NULL OR ${t.painDuring} BETWEEN 0 AND 10`),
  ],
);

/**
 * The next-morning check-in after a run or strength session (lib/analytics/pain-monitoring.ts):
 * pain and stiffness compared with the patient's usual. One answer per session; a corrected
 * session keeps the answer given to the entry it replaced (looked up through corrects_id).
 */
export const sessionCheckIns = pgTable(
  'session_check_ins',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    sessionId: uuid('session_id').notNull().references(() => trainingSessions.id),
    morningAfter: text('morning_after', { enum: MORNING_AFTER }).notNull(),
    answeredOn: date('answered_on').notNull(),
    enteredBy: uuid('entered_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique('session_check_ins_session_key').on(t.sessionId), index('session_check_ins_patient_idx').on(t.patientId, t.answeredOn)],
);

/**
 * Outcome measures (content/measures/, lib/analytics/measures.ts): which questionnaire a
 * patient is asked to fill in and when — at intake (from the start date), every N weeks
 * after it, at discharge. One live schedule per patient and instrument; ending it keeps it.
 */
export const measureSchedules = pgTable(
  'measure_schedules',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    measureSlug: text('measure_slug').notNull(),
    atIntake: boolean('at_intake').notNull().default(true),
    everyWeeks: smallint('every_weeks'),
    atDischarge: boolean('at_discharge').notNull().default(false),
    startDate: date('start_date').notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('measure_schedules_one_live_idx').on(t.patientId, t.measureSlug).where(sql`${t.endedAt} IS NULL`),
    check('measure_schedules_every_weeks', sql`${t.everyWeeks} IS NULL OR ${t.everyWeeks} BETWEEN 1 AND 52`),
  ],
);

/**
 * A patient's answers to one instrument: a draft they can come back to, then submitted
 * (scored and locked). A correction is a new submitted response that supersedes the old
 * one; nothing is erased. content_version records the wording the patient saw.
 */
export const measureResponses = pgTable(
  'measure_responses',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    measureSlug: text('measure_slug').notNull(),
    contentVersion: text('content_version').notNull(),
    answers: jsonb('answers').$type<Answers>().notNull(),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull().default('draft'),
    score: doublePrecision('score'),
    respondedOn: date('responded_on'),
    supersedesId: uuid('supersedes_id'),
    enteredBy: uuid('entered_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    index('measure_responses_patient_idx').on(t.patientId, t.measureSlug, t.respondedOn),
    // One draft per patient and instrument: "save and come back" returns to it.
    uniqueIndex('measure_responses_one_draft_idx').on(t.patientId, t.measureSlug).where(sql`${t.status} = 'draft'`),
    uniqueIndex('measure_responses_one_correction_idx').on(t.supersedesId).where(sql`${t.supersedesId} IS NOT NULL`),
    check('measure_responses_submitted', sql`${t.status} = 'draft' OR (${t.respondedOn} IS NOT NULL AND ${t.submittedAt} IS NOT NULL)`),
  ],
);

/**
 * The patient's own reminder choices (issue 19): a daily exercise reminder at a time they
 * pick in their time zone, by email, outside their quiet hours, until they unsubscribe.
 * Sent through the job queue (lib/reminders/), at most once a day.
 */
export const reminderPreferences = pgTable('reminder_preferences', {
  patientId: uuid('patient_id').primaryKey().references(() => patients.id),
  practiceId: uuid('practice_id').notNull().references(() => practices.id),
  /** 'HH:MM' local time; null: no daily reminder. */
  exerciseReminderAt: text('exercise_reminder_at'),
  timeZone: text('time_zone').notNull(),
  /** 'HH:MM'..'HH:MM' local: nothing is sent in between (may wrap past midnight). */
  quietFrom: text('quiet_from'),
  quietUntil: text('quiet_until'),
  /** Opt-in: a short weekly summary on Monday morning. */
  weeklySummary: boolean('weekly_summary').notNull().default(false),
  unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
  updatedAt: updatedAt(),
});

export const alertAcknowledgements = pgTable(
  'alert_acknowledgements',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    kind: text('kind').notNull(),
    // The alert's measure when acknowledged: a worse value brings the alert back. Double
    // precision: a float4 rounded 2.3714285714 down, so the alert never counted as acknowledged.
    level: doublePrecision('level').notNull(),
    evidence: jsonb('evidence').$type<Alert['evidence']>().notNull(),
    acknowledgedBy: uuid('acknowledged_by').notNull().references(() => users.id),
    /** Why, when given (bulk acknowledgements carry one reason for all). */
    reason: text('reason'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
    // Set when the alert stops firing: a later recurrence is a new alert, shown again.
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('alert_ack_practice_patient_idx').on(t.practiceId, t.patientId, t.kind)],
);

// Insert-only: a trigger in the migrations refuses UPDATE and DELETE.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    practiceId: uuid('practice_id').references(() => practices.id),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    patientId: uuid('patient_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    meta: jsonb('meta').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_practice_time_idx').on(t.practiceId, t.createdAt),
    index('audit_practice_patient_idx').on(t.practiceId, t.patientId, t.createdAt),
    index('audit_practice_actor_idx').on(t.practiceId, t.actorUserId, t.createdAt),
    // The last discharge of a patient (when questionnaires "at discharge" fall due): without
    // it, that lookup reads every audit event of the patient, one per log.
    index('audit_discharge_idx').on(t.practiceId, t.patientId, t.createdAt).where(sql`${t.action} = 'patient.discharge'`),
  ],
);

// One-time links for accepting an invite or resetting a password (staff and patients).
export const accessTokens = pgTable(
  'access_tokens',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('access_tokens_practice_user_idx').on(t.practiceId, t.userId)],
);

// Failed and successful sign-ins per account and per IP, for throttling that holds
// across app instances. Not practice data: keyed by email or IP.
/**
 * When any session of an account last made a request, written by requireActor() at most
 * once a minute so the practice's idle limit as it is now applies to sessions already
 * open. Kept apart from users: it changes all day, users rarely.
 */
export const userActivity = pgTable('user_activity', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  practiceId: uuid('practice_id').notNull().references(() => practices.id),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
});

// One row per sign-in. The token carries the row's random id; requireActor() refuses a
// token whose row is missing or revoked, so signing out ends that session on the server
// (a copied cookie stops working) while the account's other sessions go on.
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId, t.revokedAt)],
);

// One-time recovery codes for two-factor sign-in (ten per enrolment), stored as SHA-256
// hashes: they are random, so a fast hash is enough. A code is used by setting used_at
// where it is still null, so two racing sign-ins cannot both use it.
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recovery_codes_user_hash_key').on(t.userId, t.codeHash)],
);

export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    emailKey: text('email_key').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(t.emailKey, t.createdAt),
    index('sign_in_attempts_ip_idx').on(t.ip, t.createdAt),
  ],
);

// Each patient's open alerts, recomputed after every write that can change them and
// refreshed daily, so the caseload dashboard reads one indexed table instead of
// recomputing a year of logs for thousands of patients on every page view.
export const patientAlertState = pgTable(
  'patient_alert_state',
  {
    patientId: uuid('patient_id').primaryKey().references(() => patients.id),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    asOf: date('as_of').notNull(),
    openCount: smallint('open_count').notNull(),
    topSeverity: text('top_severity'),
    topRank: smallint('top_rank').notNull().default(0),
    kinds: text('kinds', { enum: ALERT_KINDS }).array().notNull().default(sql`ARRAY[]::text[]`),
    alerts: jsonb('alerts').$type<StoredAlert[]>().notNull(),
    // Adherence over the alert's 14 days by lib/analytics/adherence.ts (0..100), stored with
    // the alerts so the patients table shows and sorts the same number; null: no active
    // program, or too early (fewer than 7 program days).
    adherencePct: real('adherence_pct'),
    /** lastActivity (lib/analytics/alerts.ts): the latest pain report, session or tick, for the patients table. */
    lastActivityDate: date('last_activity_date'),
    /** The latest live pain report's day and score, for the patients table to show and sort by. */
    lastPainDate: date('last_pain_date'),
    lastPainScore: smallint('last_pain_score'),
    /**
     * Set by a log whose refresh runs after the response (refreshAlertStateAfterWrite in
     * lib/data/alert-state.ts): the row is out of date since then until a refresh that read
     * the logs after this moment clears it.
     */
    staleSince: timestamp('stale_since', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  // Every patient has a row from the moment they are created (a trigger on patients,
  // migration 0020, inserts a stale one that the refresh fills in), so the patients table
  // can join this one and read its first page of a stored-column sort straight off these
  // indexes: ascending puts "never logged" first, descending last, and the id breaks ties in
  // the same direction, so one index serves both directions (lib/data/patients.ts).
  (t) => [
    index('alert_state_practice_rank_idx').on(t.practiceId, t.topRank, t.openCount),
    index('alert_state_practice_last_pain_idx').on(t.practiceId, t.lastPainDate.asc().nullsFirst(), t.patientId),
    index('alert_state_practice_last_activity_idx').on(t.practiceId, t.lastActivityDate.asc().nullsFirst(), t.patientId),
    // No figure sorts last in both directions: one index per direction.
    index('alert_state_practice_adherence_asc_idx').on(t.practiceId, t.adherencePct.asc().nullsLast(), t.patientId.asc()),
    index('alert_state_practice_adherence_desc_idx').on(t.practiceId, t.adherencePct.desc().nullsLast(), t.patientId.desc()),
    index('alert_state_practice_stale_idx').on(t.practiceId).where(sql`${t.staleSince} IS NOT NULL`),
  ],
);

// A warning sign a patient reported, as one alert that stays open until a clinician closes
// it with an action. Keyed by what was reported (flags, tier) and when it was entered, never
// by the day it describes: a backdated report alerts like any other. At most one open per patient.
export const safetyAlerts = pgTable(
  'safety_alerts',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    tier: text('tier', { enum: RED_FLAG_TIERS }).notNull(),
    flags: text('flags').array().notNull(),
    reportCount: integer('report_count').notNull().default(1),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    // When the alert reached its current tier: the escalation clock runs from here.
    tierSince: timestamp('tier_since', { withTimezone: true }).notNull().defaultNow(),
    lastReportAt: timestamp('last_report_at', { withTimezone: true }).notNull().defaultNow(),
    lastReportDate: date('last_report_date').notNull(),
    escalateAt: timestamp('escalate_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    closeAction: text('close_action', { enum: CLOSE_ACTIONS }),
    closeNote: text('close_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('safety_alerts_one_open_idx').on(t.patientId).where(sql`${t.status} = 'open'`),
    index('safety_alerts_practice_status_idx').on(t.practiceId, t.status, t.tier),
    index('safety_alerts_patient_idx').on(t.patientId, t.openedAt),
    check('safety_alerts_closed', sql`(${t.status} = 'closed') = (${t.closedAt} IS NOT NULL AND ${t.closeAction} IS NOT NULL)`),
  ],
);

// Who was (to be) told about a warning sign, and whether the email went: the patient's
// message, the patient page's timeline and the dashboard read this, never a guess.
export const safetyNotifications = pgTable(
  'safety_notifications',
  {
    id: id(),
    practiceId: uuid('practice_id').notNull().references(() => practices.id),
    alertId: uuid('alert_id').notNull().references(() => safetyAlerts.id),
    patientId: uuid('patient_id').notNull().references(() => patients.id),
    reason: text('reason', { enum: NOTIFICATION_REASONS }).notNull(),
    tier: text('tier', { enum: RED_FLAG_TIERS }).notNull(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    recipientName: text('recipient_name').notNull(),
    recipientEmail: text('recipient_email').notNull(),
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('safety_notifications_alert_idx').on(t.alertId, t.createdAt),
    index('safety_notifications_practice_status_idx').on(t.practiceId, t.status),
  ],
);

export type JobPayload = Record<string, string | number | boolean | null>;

// The one durable queue for background work (safety emails and escalations first).
// Rows are written in the same transaction as the change that needs them, claimed with
// FOR UPDATE SKIP LOCKED under a lease, retried with backoff: see lib/jobs/queue.ts.
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    practiceId: uuid('practice_id').references(() => practices.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<JobPayload>().notNull(),
    // Enqueueing the same key twice keeps one job.
    dedupeKey: text('dedupe_key').unique(),
    status: text('status', { enum: ['queued', 'done', 'failed'] }).notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(12),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt).where(sql`${t.status} = 'queued'`),
    // At most one alert refresh queued (or running) per practice: two workers never refresh
    // the same practice at once, and asking again while one waits adds nothing.
    uniqueIndex('jobs_one_alert_refresh_per_practice').on(t.kind, t.practiceId).where(sql`${t.status} = 'queued' AND ${t.kind} = 'alerts.refresh'`),
  ],
);
