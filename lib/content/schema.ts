import { z } from 'zod';
import { ILLUSTRATIONS } from '../validation/vocabulary';

// The shape of every file in content/ (documented in content/README.md).
export const CATEGORIES = ['mobility', 'stretch', 'strength', 'core', 'balance', 'cardio'] as const;
export const BODY_REGIONS = [
  'lower-back', 'upper-back', 'neck', 'hips', 'glutes', 'hamstrings', 'quadriceps', 'calves',
  'core', 'shoulders', 'ankles', 'whole-body',
] as const;
export const EQUIPMENT = ['none', 'mat', 'wall', 'chair', 'step', 'band', 'foam-roller', 'towel', 'pool', 'bike'] as const;
export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)').max(80);
const sentence = (max: number) => z.string().trim().min(3).max(max);

/** Sets with reps or a hold for exercises; minutes for cardio. Shared by templates and program items. */
export const dosageSchema = z
  .object({
    sets: z.number().int().min(1).max(10).optional(),
    reps: z.number().int().min(1).max(100).optional(),
    holdSeconds: z.number().int().min(1).max(600).optional(),
    minutes: z.number().int().min(1).max(180).optional(),
    sessionsPerWeek: z.number().int().min(1).max(14),
  })
  .strict()
  .superRefine((d, ctx) => {
    const hasTimed = d.minutes !== undefined;
    const hasSets = d.sets !== undefined;
    if (hasTimed && (hasSets || d.reps !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'use minutes alone, or sets with reps/holdSeconds' });
    } else if (!hasTimed && !hasSets) {
      ctx.addIssue({ code: 'custom', path: ['sets'], message: 'is required unless minutes is given' });
    } else if (hasSets && d.reps === undefined && d.holdSeconds === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reps'], message: 'give reps or holdSeconds with sets' });
    }
  });

export const exerciseFrontMatter = z
  .object({
    slug,
    title: sentence(80),
    summary: sentence(160),
    category: z.enum(CATEGORIES),
    bodyRegions: z.array(z.enum(BODY_REGIONS)).min(1),
    equipment: z.array(z.enum(EQUIPMENT)).min(1),
    difficulty: z.enum(DIFFICULTIES),
    dosage: dosageSchema,
    steps: z.array(sentence(400)).min(3).max(8),
    feel: sentence(400),
    cautions: z.array(sentence(300)).min(1).max(6),
    regression: slug.nullable(),
    progression: slug.nullable(),
    illustration: z.enum(ILLUSTRATIONS),
  })
  .strict();

export const articleFrontMatter = z
  .object({
    slug,
    title: sentence(120),
    summary: sentence(200),
    readingMinutes: z.number().int().min(1).max(20),
    topics: z.array(slug).min(1).max(8),
  })
  .strict();

export const templateItemSchema = z
  .object({
    exercise: slug,
    sets: z.number().int().min(1).max(10).optional(),
    reps: z.number().int().min(1).max(100).optional(),
    holdSeconds: z.number().int().min(1).max(600).optional(),
    minutes: z.number().int().min(1).max(180).optional(),
    sessionsPerWeek: z.number().int().min(1).max(14),
    notes: z.string().trim().max(300).optional(),
  })
  .strict();

/**
 * A questionnaire the template asks for by default (content/measures/<measure>.md): when a
 * program is made from the template, the patient gets this schedule unless one of the same
 * instrument is already live. At least one occasion is required.
 */
export const templateMeasureSchema = z
  .object({
    measure: slug,
    atIntake: z.boolean().default(true),
    everyWeeks: z.number().int().min(1).max(52).optional(),
    atDischarge: z.boolean().default(false),
  })
  .strict()
  .refine((m) => m.atIntake || m.everyWeeks !== undefined || m.atDischarge, { message: 'needs at least one of atIntake, everyWeeks, atDischarge' });

export const templateFrontMatter = z
  .object({
    slug,
    title: sentence(120),
    summary: sentence(300),
    durationWeeks: z.number().int().min(1).max(52),
    goals: z.array(sentence(200)).min(1).max(5),
    items: z.array(templateItemSchema).min(3).max(12),
    articles: z.array(slug).min(1).max(5),
    /** Default outcome-measure schedules (optional). */
    measures: z.array(templateMeasureSchema).max(4).default([]),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.measures.forEach((m, i) => {
      if (seen.has(m.measure)) ctx.addIssue({ code: 'custom', path: ['measures', i, 'measure'], message: `"${m.measure}" is listed twice` });
      seen.add(m.measure);
    });
  });

export type ExerciseFrontMatter = z.infer<typeof exerciseFrontMatter>;
export type Exercise = ExerciseFrontMatter & { body: string; contentVersion: string; svg: string | null };
export type Article = z.infer<typeof articleFrontMatter> & { body: string };
export type ProgramTemplate = z.infer<typeof templateFrontMatter> & { body: string };
export type TemplateMeasure = z.infer<typeof templateMeasureSchema>;
export type Library = { exercises: Exercise[]; articles: Article[]; templates: ProgramTemplate[] };
