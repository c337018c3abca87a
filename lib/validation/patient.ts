import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';
import { screeningSchema } from './screening';
import { PATIENT_STATUSES } from './vocabulary';

const optional = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, `${label}: at most ${max} characters`).optional());

export { PATIENT_STATUSES };

// Create and edit share this schema; every field's error is reported, not only the first.
export const patientSchema = z.object({
  firstName: z.string().trim().min(1, 'Enter a first name').max(80, 'First name: at most 80 characters'),
  lastName: z.string().trim().min(1, 'Enter a last name').max(80, 'Last name: at most 80 characters'),
  dateOfBirth: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine(isIsoDate, 'Enter the date of birth as a date')
      .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'The date of birth must be in the past')
      .optional(),
  ),
  email: z.preprocess((v) => (v === '' ? undefined : v), z.email('Enter a valid email address').max(254).optional()),
  phone: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().trim().max(40, 'Phone: at most 40 characters').regex(/^[+()0-9 .-]{5,}$/, 'Enter a phone number (digits, spaces, + - ( ))').optional(),
  ),
  condition: optional(200, 'Condition'),
  treatingPhysioId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('Choose a physio').optional()),
  goals: optional(2000, 'Goals'),
  notes: optional(5000, 'Notes'),
  // Red-flag history ticked at intake: stored by createPatient only. After creation the
  // screening is changed through its own form (updateScreening), which audits each change.
  screeningFlags: screeningSchema.shape.flags,
});

export type PatientInput = z.infer<typeof patientSchema>;
