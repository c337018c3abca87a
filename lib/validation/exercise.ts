import { z } from 'zod';
import { BODY_REGIONS, CATEGORIES, DIFFICULTIES, EQUIPMENT } from '@/lib/content/schema';

// The custom-exercise form: the same fields and limits as content/ exercises.
const optionalInt = (min: number, max: number, label: string) =>
  z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : v),
    z.coerce.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`).optional(),
  );
const lines = (label: string, min: number, max: number, maxLength: number) =>
  z
    .string()
    .max(5000)
    .transform((s) => s.split('\n').map((l) => l.replace(/^\s*\d+[.)]\s*/, '').trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string().max(maxLength, `Each line of ${label} must be at most ${maxLength} characters`))
        .min(min, `Give at least ${min} ${label} (one per line)`)
        .max(max, `Give at most ${max} ${label}`),
    );
const manyOf = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values)).min(1, message));
const optionalSlug = z.preprocess((v) => (v === '' ? null : v), z.string().regex(/^[a-z0-9-]{1,80}$/).nullable().default(null));

export const customExerciseSchema = z
  .object({
    title: z.string().trim().min(3, 'Give a title of at least 3 characters').max(80, 'Keep the title under 80 characters'),
    summary: z.string().trim().min(3, 'Give a one-line summary').max(160, 'Keep the summary under 160 characters'),
    category: z.enum(CATEGORIES, { error: 'Choose a category' }),
    bodyRegions: manyOf(BODY_REGIONS, 'Choose at least one body region'),
    equipment: manyOf(EQUIPMENT, 'Choose the equipment (or "none")'),
    difficulty: z.enum(DIFFICULTIES, { error: 'Choose a difficulty' }),
    sets: optionalInt(1, 10, 'Sets'),
    reps: optionalInt(1, 100, 'Reps'),
    holdSeconds: optionalInt(1, 600, 'Hold'),
    minutes: optionalInt(1, 180, 'Minutes'),
    sessionsPerWeek: z.coerce.number({ error: 'Sessions per week must be a number' }).int().min(1, 'At least 1 session a week').max(14, 'At most 14 sessions a week'),
    steps: lines('steps', 3, 8, 400),
    feel: z.string().trim().min(3, 'Say what the patient should feel').max(400),
    cautions: lines('cautions', 1, 6, 300),
    regression: optionalSlug,
    progression: optionalSlug,
    body: z.string().trim().max(4000, 'Keep the tips under 4000 characters').default(''),
  })
  .superRefine((d, ctx) => {
    if (d.minutes !== undefined) {
      if (d.sets !== undefined || d.reps !== undefined) ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'Use minutes alone, or sets with reps or a hold' });
    } else if (d.sets === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sets'], message: 'Give sets (with reps or a hold), or minutes for cardio' });
    } else if (d.reps === undefined && d.holdSeconds === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reps'], message: 'Give reps or a hold time' });
    }
  });

export type CustomExerciseInput = z.infer<typeof customExerciseSchema>;
