import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';

// A program as the builder sends it: the whole program each save, plus the version
// it was loaded at (the database refuses the save when someone saved in between).
const isoDate = (label: string) => z.string().refine(isIsoDate, `${label} must be a date (YYYY-MM-DD)`);
const optionalInt = (min: number, max: number, label: string) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`).min(min, `${label}: at least ${min}`).max(max, `${label}: at most ${max}`).optional(),
  );
const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max, `${label}: at most ${max} characters`).optional());

export const programItemSchema = z
  .object({
    id: z.uuid().optional(),
    exerciseId: z.uuid('Choose an exercise'),
    sets: optionalInt(1, 20, 'Sets'),
    reps: optionalInt(1, 200, 'Reps'),
    holdSeconds: optionalInt(1, 900, 'Hold'),
    minutes: optionalInt(1, 300, 'Minutes'),
    sessionsPerWeek: z.coerce.number({ error: 'Sessions a week must be a number' }).int().min(1, 'At least once a week').max(14, 'At most 14 a week'),
    load: optionalText(100, 'Load'),
    notes: optionalText(500, 'Notes'),
  })
  .superRefine((item, ctx) => {
    if (item.minutes === undefined && item.sets === undefined) ctx.addIssue({ code: 'custom', path: ['sets'], message: 'Give sets (with reps or a hold) or minutes' });
    if (item.sets !== undefined && item.reps === undefined && item.holdSeconds === undefined) ctx.addIssue({ code: 'custom', path: ['reps'], message: 'Give reps or a hold time' });
  });

export const programSchema = z
  .object({
    title: z.string().trim().min(3, 'Give the program a title').max(120, 'Keep the title under 120 characters'),
    startDate: isoDate('Start date'),
    endDate: z.preprocess((v) => (v === '' ? undefined : v), isoDate('End date').optional()),
    goals: optionalText(2000, 'Goals'),
    articleSlugs: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/)).max(10, 'At most 10 articles').default([]),
    templateSlug: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(),
    items: z.array(programItemSchema).min(1, 'Add at least one exercise').max(30, 'At most 30 exercises'),
  })
  .refine((p) => !p.endDate || p.endDate >= p.startDate, { path: ['endDate'], message: 'The end date must be on or after the start date' });

export type ProgramInput = z.infer<typeof programSchema>;
export type ProgramItemInput = z.infer<typeof programItemSchema>;

/** What a saved version looks like in program_versions.snapshot. */
export type ProgramSnapshot = {
  title: string;
  status: 'active' | 'ended';
  startDate: string;
  endDate: string | null;
  goals: string | null;
  articleSlugs: string[];
  items: {
    id: string;
    exerciseId: string;
    exerciseTitle: string;
    sets: number | null;
    reps: number | null;
    holdSeconds: number | null;
    minutes: number | null;
    sessionsPerWeek: number;
    load: string | null;
    notes: string | null;
  }[];
};
