import { z } from 'zod';
import type { Answers } from '@/lib/analytics/measures';
import { isIsoDate } from '@/lib/dates';

// Outcome measures at the boundary: what a physio posts to schedule one, and how a portal
// form's fields become the answers lib/analytics/measures.ts scores.

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Choose a questionnaire').max(80);
const checkbox = z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean());

export const assignMeasureSchema = z
  .object({
    patientId: z.uuid('Unknown patient'),
    measureSlug: slug,
    atIntake: checkbox,
    everyWeeks: z.preprocess((v) => (v === '' || v === null || v === undefined ? undefined : v), z.coerce.number({ error: 'Weeks must be a number' }).int('Whole weeks').min(1, 'Every 1 to 52 weeks').max(52, 'Every 1 to 52 weeks').optional()),
    atDischarge: checkbox,
    startDate: z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isIsoDate, 'Enter a valid date').optional()),
  })
  .refine((s) => s.atIntake || s.everyWeeks !== undefined || s.atDischarge, { path: ['atIntake'], message: 'Choose when to ask: at intake, every few weeks or at discharge' });
export type AssignMeasureInput = z.infer<typeof assignMeasureSchema>;

export const measureResponseSchema = z.object({
  measureSlug: slug,
  intent: z.enum(['save', 'submit']).default('submit'),
  supersedesId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
  // Field names are a.<item> (the number), l.<item> (an activity's name), t.<item> (text).
  answers: z.record(z.string().regex(/^[alt]\.[a-z0-9-]{1,40}$/), z.string().max(2000)).refine((r) => Object.keys(r).length <= 180, 'Too many answers'),
});

/** The form's fields as scoring's answers: empty fields are not answered; numbers stay numbers. */
export function answersFromFields(fields: Record<string, string>): Answers {
  const out: Record<string, { value?: number | null; label?: string | null; text?: string | null }> = {};
  for (const [key, raw] of Object.entries(fields)) {
    const [kind, item] = [key[0], key.slice(2)];
    const value = raw.trim();
    if (!item || value === '') continue;
    const answer = (out[item] ??= {});
    if (kind === 'a') answer.value = Number(value);
    else if (kind === 'l') answer.label = value;
    else answer.text = value;
  }
  return out;
}

/** Pull the a./l./t. fields of a form into one record for measureResponseSchema. */
export function measureFormInput(form: Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) (/^[alt]\./.test(k) ? answers : rest)[k] = v;
  return { ...rest, answers };
}
