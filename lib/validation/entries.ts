import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';
import { SYMPTOM_KEYS } from './symptoms';
import { ACTIVITIES, MORNING_AFTER, PAIN_LOCATIONS, PAIN_TIMINGS, TERRAINS, DISTANCE_ACTIVITIES } from './vocabulary';

export * from './vocabulary';

// What patients (and physios on their behalf) log. Dates are checked against the
// practice's "today" in the data layer, which knows the time zone.
const arrayOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values, { error: `Unknown ${label}` })).max(values.length));
const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, `${label}: at most ${max} characters`).optional());
/**
 * A whole number from min to max. '' (a select left on "Choose") is missing, never 0: coerced
 * as it is, an unchosen effort was recorded as RPE 0.
 */
const whole = (min: number, max: number, label: string, missing = `${label} must be a number`) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ error: missing }).int(`${label} must be a whole number`).min(min, `${label} must be between ${min} and ${max}`).max(max, `${label} must be between ${min} and ${max}`),
  );
const optionalDate = z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isIsoDate, 'Enter a valid date').optional());
export const idempotencyKey = z.string().min(8, 'Missing submission key').max(100).regex(/^[A-Za-z0-9_-]+$/, 'Bad submission key');
/** A patient posts no patientId (their own record is implied); a physio names the patient. */
const targetPatient = z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional());

export const painReportSchema = z.object({
  patientId: targetPatient,
  idempotencyKey,
  // Required: a missing, empty or non-numeric score all get the same message.
  score: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ error: 'Choose a pain score from 0 to 10' }).int('Choose a whole number from 0 to 10').min(0, 'Pain must be between 0 and 10').max(10, 'Pain must be between 0 and 10'),
  ),
  locations: arrayOf(PAIN_LOCATIONS, 'location'),
  timing: z.preprocess((v) => (v === '' ? undefined : v), z.enum(PAIN_TIMINGS, { error: 'Choose when it hurt' }).optional()),
  symptoms: arrayOf(SYMPTOM_KEYS, 'symptom'),
  date: optionalDate,
  notes: optionalText(1000, 'Notes'),
});

export const trainingSessionSchema = z
  .object({
    patientId: targetPatient,
    idempotencyKey,
    activity: z.enum(ACTIVITIES, { error: 'Choose an activity' }),
    date: z.string({ error: 'Choose the date' }).refine(isIsoDate, 'Enter a valid date'),
    // At least 0.01: the column is a 4-byte real, where tinier positive numbers underflow.
    durationMin: z.coerce.number({ error: 'Duration must be a number' }).min(0.01, 'Duration must be more than 0 minutes').max(1440, 'Duration must be at most 24 hours'),
    distance: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: 'Distance must be a number' }).min(0.01, 'Distance must be more than 0').max(1000, 'Distance looks too long').optional()),
    rpe: whole(0, 10, 'Effort (RPE)', 'Choose the effort (RPE), from 0 to 10'),
    terrain: z.preprocess((v) => (v === '' ? undefined : v), z.enum(TERRAINS, { error: 'Choose a terrain' }).optional()),
    painDuring: z.preprocess((v) => (v === '' ? undefined : v), whole(0, 10, 'Pain during').optional()),
    notes: optionalText(1000, 'Notes'),
  })
  .refine((s) => s.distance === undefined || DISTANCE_ACTIVITIES.has(s.activity), { path: ['distance'], message: 'Distance is only for runs, walks, rides and swims' });

export const completionSchema = z.object({
  programItemId: z.uuid('Unknown exercise'),
  idempotencyKey,
  date: optionalDate,
  done: z.preprocess((v) => v === true || v === 'true', z.boolean()).default(true),
});

/** The next-morning check-in after a run or strength session (lib/analytics/pain-monitoring.ts). */
export const morningCheckInSchema = z.object({
  patientId: targetPatient,
  sessionId: z.uuid('Unknown session'),
  morningAfter: z.enum(MORNING_AFTER, { error: 'Choose how your back feels compared with usual' }),
});

export const voidEntrySchema = z.object({
  kind: z.enum(['pain', 'session']),
  id: z.uuid(),
  reason: z.string().trim().min(3, 'Say briefly why this entry is wrong').max(300, 'Keep the reason under 300 characters'),
});

export type PainReportInput = z.infer<typeof painReportSchema>;
export type TrainingSessionInput = z.infer<typeof trainingSessionSchema>;
export type MorningCheckInInput = z.infer<typeof morningCheckInSchema>;
export type CompletionInput = z.infer<typeof completionSchema>;
