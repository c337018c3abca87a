import { z } from 'zod';
import { isValidTimeZone } from '@/lib/dates';

// The portal's reminder settings: times as 'HH:MM' (an <input type="time"> posts that), the
// patient's own time zone, quiet hours both set or both empty.
const hhmm = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 07:30').optional());

export const reminderPreferencesSchema = z
  .object({
    exerciseReminderAt: hhmm,
    timeZone: z.string().trim().refine(isValidTimeZone, 'Choose a time zone from the list'),
    quietFrom: hhmm,
    quietUntil: hhmm,
    weeklySummary: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
  })
  .refine((p) => (p.quietFrom === undefined) === (p.quietUntil === undefined), { path: ['quietUntil'], message: 'Give both ends of the quiet hours, or neither' });
export type ReminderPreferencesInput = z.infer<typeof reminderPreferencesSchema>;
