import { z } from 'zod';
import { isValidTimeZone } from '@/lib/dates';
import { SEVERE_PAIN_SCORE_RANGE } from '@/lib/safety/settings';
import { firstValues, urlDate, urlPage, urlText } from './search-params';
import { DISTANCE_UNITS, USER_STATUSES } from './vocabulary';

export { firstValues, USER_STATUSES };

// Schemas for practice administration: accounts, settings, the audit log's filters.
// Form values arrive as strings; z.coerce turns numbers, and every field reports its error.

export const STAFF_ROLES = ['physio', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Checkboxes send nothing, one value, or several: always an array. */
const staffRoles = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(STAFF_ROLES, 'Choose physio, admin or both')).min(1, 'Choose at least one role').max(2),
);

export const inviteStaffSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address').max(254, 'Email: at most 254 characters')),
  name: z.string().trim().min(2, 'Enter their full name').max(120, 'Name: at most 120 characters'),
  roles: staffRoles,
});
export type InviteStaffInput = z.infer<typeof inviteStaffSchema>;

export const userIdSchema = z.object({ userId: z.uuid('Choose an account') });
export const patientIdSchema = z.object({ patientId: z.uuid('Choose a patient') });

export const changeRolesSchema = z.object({ userId: z.uuid('Choose an account'), roles: staffRoles });

export const setUserStatusSchema = z.object({ userId: z.uuid('Choose an account'), status: z.enum(['active', 'deactivated']) });

export const reassignPatientsSchema = z
  .object({ fromUserId: z.uuid('Choose the physio who is leaving'), toUserId: z.uuid('Choose the physio who takes over') })
  .refine((v) => v.fromUserId !== v.toUserId, { path: ['toUserId'], message: 'Choose a different physio' });

const bounded = (label: string, min: number, max: number, integer = true) => {
  const n = z.coerce.number({ error: `${label} must be a number` });
  return (integer ? n.int(`${label} must be a whole number`) : n)
    .min(min, `${label}: between ${min} and ${max}`)
    .max(max, `${label}: between ${min} and ${max}`);
};

/** Safe ranges for the alert thresholds (the defaults in docs/clinical.md sit inside them). */
export const SETTING_RANGES = {
  painWorseMinPoints: { min: 1, max: 5, step: 1 },
  acwrSpike: { min: 1.2, max: 2, step: 0.05 },
  weeklyDistanceRedPct: { min: 10, max: 100, step: 1 },
  adherenceLowPct: { min: 10, max: 90, step: 1 },
  inactivityDays: { min: 3, max: 60, step: 1 },
  painDuringMax: { min: 2, max: 8, step: 1 },
  painWeeklyRisePoints: { min: 0.5, max: 3, step: 0.5 },
  sessionIdleMinutes: { min: 5, max: 480, step: 5 },
  severePainScore: { ...SEVERE_PAIN_SCORE_RANGE, step: 1 },
  escalateEmergencyMinutes: { min: 15, max: 1440, step: 1 },
  escalateSameDayWorkingDays: { min: 1, max: 5, step: 1 },
} as const;

/** An optional text setting: trimmed, and an empty field is stored as "not set" (null). */
const blankAsNull = (schema: z.ZodType<string>) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v) || null, schema.nullable());

// The safety settings came after the others: a field that is not posted at all is undefined
// here and keeps its saved value, so a form or client from before cannot reset it by omission.

/** The shared safety inbox: trimmed, lowercased, a valid address; empty means none (null). */
const safetyInbox = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() || null : v),
  z.email('Safety inbox: enter a valid email address, e.g. safety@yourpractice.co.uk').max(254, 'Safety inbox: at most 254 characters').nullable().optional(),
);

const PHONE_HINT = 'Enter a phone number, e.g. 020 7946 0000 or +44 20 7946 0000';

export const practiceSettingsSchema = z.object({
  name: z.string().trim().min(2, 'Enter the practice name').max(120, 'Name: at most 120 characters'),
  timeZone: z.string().trim().min(1, 'Choose a time zone').refine(isValidTimeZone, 'Choose a time zone from the list (e.g. Europe/London)'),
  distanceUnit: z.enum(DISTANCE_UNITS, 'Choose kilometres or miles'),
  painWorseMinPoints: bounded('Pain change', 1, 5),
  acwrSpike: bounded('ACWR spike', 1.2, 2, false),
  weeklyDistanceRedPct: bounded('Weekly distance increase', 10, 100),
  adherenceLowPct: bounded('Low adherence', 10, 90),
  inactivityDays: bounded('Days without logs', 3, 60),
  // Pain monitoring came later too: not posted keeps the saved value (or the default).
  painDuringMax: bounded('Pain during a session', 2, 8).optional(),
  painWeeklyRisePoints: bounded('Weekly pain rise', 0.5, 3, false).optional(),
  sessionIdleMinutes: bounded('Sign-out after inactivity', 5, 480),
  phone: blankAsNull(
    z
      .string('Enter a phone number')
      .max(30, 'Phone: at most 30 characters')
      // Digits with the usual separators; 5 to 15 digits (15 is the international maximum).
      .regex(/^\+?[0-9 ()-]+$/, PHONE_HINT)
      .refine((v) => /^\d{5,15}$/.test(v.replace(/\D/g, '')), PHONE_HINT),
  ),
  emergencyNumber: blankAsNull(z.string('Enter the emergency number').regex(/^[0-9]{2,6}$/, 'Emergency number: 2 to 6 digits, e.g. 999, 112 or 911')),
  safetyInbox,
  severePainScore: bounded('Severe pain score', SEVERE_PAIN_SCORE_RANGE.min, SEVERE_PAIN_SCORE_RANGE.max).optional(),
  escalateEmergencyMinutes: bounded('Emergency escalation', 15, 1440).optional(),
  escalateSameDayWorkingDays: bounded('Same-day escalation', 1, 5).optional(),
  /** The form posts a hidden "false" and, when ticked, the checkbox's "true"; not posted at all keeps the saved value. */
  requireStaffTwoFactor: z.preprocess(
    (v) => (Array.isArray(v) ? v.includes('true') : v === 'true' ? true : v === 'false' ? false : v),
    z.boolean('Require two-factor: yes or no').optional(),
  ),
});
export type PracticeSettingsInput = z.infer<typeof practiceSettingsSchema>;

/** Each setting's name as the settings page labels it; the audit log names changes the same way. */
export const PRACTICE_SETTING_LABELS: Readonly<Record<keyof PracticeSettingsInput, string>> = {
  name: 'Practice name',
  timeZone: 'Time zone',
  distanceUnit: 'Distance unit',
  painWorseMinPoints: 'Pain worse by at least',
  acwrSpike: 'Training load spike: ACWR above',
  weeklyDistanceRedPct: 'Weekly running distance up by more than',
  adherenceLowPct: 'Exercise adherence below',
  inactivityDays: 'Nothing logged for',
  painDuringMax: 'Pain during a session: too much above',
  painWeeklyRisePoints: 'Weekly pain rise: too much from',
  sessionIdleMinutes: 'Sign-out after inactivity',
  phone: 'Practice phone',
  emergencyNumber: 'Emergency number',
  safetyInbox: 'Safety inbox',
  severePainScore: 'Severe pain score',
  escalateEmergencyMinutes: 'Escalate an emergency warning sign after',
  escalateSameDayWorkingDays: 'Escalate a same-day warning sign after',
  requireStaffTwoFactor: 'Require two-factor sign-in for staff',
};

// ---- URL parameters of the admin tables: allow-listed, anything else falls back ----

export const USER_ROLE_FILTERS = ['staff', 'physio', 'admin', 'patient'] as const;
export const USER_SORTS = ['name', 'email', 'status', 'lastSignIn'] as const;

export const userListParams = z.object({
  q: urlText(100),
  role: z.enum(USER_ROLE_FILTERS).optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  sort: z.enum(USER_SORTS).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: urlPage,
});
export type UserListParams = z.infer<typeof userListParams>;

/** An exact action ("user.invite") or a family ("user" matches every user.* action). */
export const auditActionFilter = z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/);

export const auditListParams = z.object({
  person: z.uuid().optional().catch(undefined),
  patient: z.uuid().optional().catch(undefined),
  action: auditActionFilter.optional().catch(undefined),
  from: urlDate,
  to: urlDate,
  page: urlPage,
});
export type AuditListParams = z.infer<typeof auditListParams>;
