// Outcome measures (issue 15): instruments are content. Each file in content/measures/ is
// Markdown with YAML front matter, like the exercise library: the front matter describes
// the questions, the scoring and how change is read; the body holds notes for the physio.
// A bad file fails with its path and the field at fault (see content/measures/README.md).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { itemBounds, scoreRangeOf } from '@/lib/analytics/measures';
import { parseFile } from './loader';

export const SCORING_METHODS = ['sum', 'mean', 'percentage-of-answered-max', 'per-item'] as const;
export const DIRECTIONS = ['higher-is-better', 'higher-is-worse'] as const;
export const MCID_UNITS = ['points', 'percent'] as const;
/**
 * loadline: written by the Loadline project (MIT). free-to-use: a published instrument whose
 * authors allow clinical use without a fee or permission. practice-licence: the practice holds
 * a licence; such a file is never shipped with Loadline.
 */
export const LICENCE_KINDS = ['loadline', 'free-to-use', 'practice-licence'] as const;

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)').max(80);
const itemId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)').max(40);
const sentence = (max: number) => z.string().trim().min(2).max(max);
const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const anchor = z.object({ value: finite, label: sentence(80) }).strict();

/** A number line from min to max in steps of `step`; anchors put words on some points (at least both ends). */
const scaleFields = {
  min: z.number().int(),
  max: z.number().int(),
  step: z.number().positive().default(1),
  anchors: z.array(anchor).min(2).max(11),
};

const scaleAnswer = z.object({ type: z.literal('scale'), ...scaleFields }).strict();
/** The patient names an activity in their own words (PSFS), then rates it on the scale. */
const activityScaleAnswer = z.object({ type: z.literal('activity-scale'), activityPrompt: sentence(200), ...scaleFields }).strict();
const choiceAnswer = z
  .object({
    type: z.literal('choice'),
    options: z.array(z.object({ value: finite, label: sentence(120) }).strict()).min(2).max(15),
  })
  .strict();
/** Free text, never scored (a comment, or context for the physio). */
const textAnswer = z.object({ type: z.literal('text'), maxLength: z.number().int().min(1).max(2000).default(500) }).strict();

export const measureAnswerSchema = z.discriminatedUnion('type', [scaleAnswer, activityScaleAnswer, choiceAnswer, textAnswer]);

export const measureItemSchema = z
  .object({
    id: itemId,
    /** The question as the patient reads it. */
    text: sentence(400),
    answer: measureAnswerSchema,
  })
  .strict();

const mcidSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('established'),
      /** The smallest change that counts, on the total score (or on each item with per-item scoring). */
      value: z.number().positive(),
      /** points: on the score's own scale. percent: of the first score. */
      unit: z.enum(MCID_UNITS),
      /** Only with unit points: the threshold is the larger of `value` and this % of the first score. */
      percentOfFirst: z.number().positive().max(100).optional(),
      /** A threshold in points for a single item (e.g. one PSFS activity). */
      perItem: z.number().positive().optional(),
      /** Where the figures come from: authors, year, journal. */
      source: sentence(600),
      note: sentence(600).optional(),
    })
    .strict(),
  // No threshold: the UI shows the change and the physio reads it in context.
  z.object({ status: z.literal('not-established'), note: sentence(600) }).strict(),
  // The measure is itself a rating of change (e.g. a global rating of change): see `bands`.
  z.object({ status: z.literal('not-applicable'), note: sentence(600) }).strict(),
]);

const bandSchema = z.object({ min: finite, max: finite, label: sentence(80) }).strict();

export const measureFrontMatter = z
  .object({
    slug,
    title: sentence(120),
    /** Abbreviation for tables and charts, e.g. "PSFS". */
    shortTitle: sentence(24),
    /** Shown to the patient before the questions: what this is and why we ask. */
    summary: sentence(300),
    /** The period the answers describe, as it completes "Think about …", e.g. "the last week". */
    recallPeriod: sentence(80),
    items: z.array(measureItemSchema).min(1).max(60),
    scoring: z
      .object({
        method: z.enum(SCORING_METHODS),
        /** Which items count towards the score (text items never do). */
        items: z.array(itemId).min(1),
        /** Fewer counted items answered than this: the response is not valid and has no score. */
        minAnswered: z.number().int().min(1),
      })
      .strict(),
    /** The lowest and highest possible score (per-item: of each item). Checked against the items. */
    range: z.object({ min: finite, max: finite }).strict(),
    direction: z.enum(DIRECTIONS),
    mcid: mcidSchema,
    /** Optional words for score ranges, e.g. how a global rating of change is read. Ascending, no overlap. */
    bands: z.array(bandSchema).max(10).optional(),
    licence: z
      .object({
        kind: z.enum(LICENCE_KINDS),
        /** Who owns the instrument (authors or publisher), when not Loadline. */
        holder: sentence(200).optional(),
        note: sentence(600),
      })
      .strict(),
    /** true only for files that come with Loadline; a practice's own (licensed) files say false. */
    shipped: z.boolean(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const issue = (pathParts: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: pathParts, message });
    const byId = new Map<string, (typeof m.items)[number]>();
    m.items.forEach((item, i) => {
      if (byId.has(item.id)) issue(['items', i, 'id'], `"${item.id}" is used twice`);
      byId.set(item.id, item);
      const a = item.answer;
      if (a.type === 'scale' || a.type === 'activity-scale') {
        if (a.min >= a.max) issue(['items', i, 'answer', 'max'], 'must be greater than min');
        const steps = (a.max - a.min) / a.step;
        if (Math.abs(steps - Math.round(steps)) > 1e-9) issue(['items', i, 'answer', 'step'], 'must divide max - min');
        const values = a.anchors.map((x) => x.value);
        a.anchors.forEach((x, k) => {
          if (x.value < a.min || x.value > a.max) issue(['items', i, 'answer', 'anchors', k, 'value'], `must lie within ${a.min}..${a.max}`);
        });
        if (!values.includes(a.min) || !values.includes(a.max)) issue(['items', i, 'answer', 'anchors'], 'must label both ends of the scale');
      } else if (a.type === 'choice') {
        const seen = new Set<number>();
        a.options.forEach((o, k) => {
          if (seen.has(o.value)) issue(['items', i, 'answer', 'options', k, 'value'], `${o.value} is used twice`);
          seen.add(o.value);
        });
      }
    });

    const counted: (typeof m.items)[number][] = [];
    const seenCounted = new Set<string>();
    m.scoring.items.forEach((id, k) => {
      const item = byId.get(id);
      if (!item) return issue(['scoring', 'items', k], `no item "${id}"`);
      if (item.answer.type === 'text') return issue(['scoring', 'items', k], `"${id}" is free text and cannot be scored`);
      if (seenCounted.has(id)) return issue(['scoring', 'items', k], `"${id}" is listed twice`);
      seenCounted.add(id);
      counted.push(item);
    });
    if (counted.length !== m.scoring.items.length) return; // the checks below need every counted item
    if (m.scoring.minAnswered > counted.length) issue(['scoring', 'minAnswered'], `must be at most ${counted.length} (the counted items)`);
    if (m.scoring.method === 'sum' && m.scoring.minAnswered !== counted.length) {
      // A sum over fewer items is on a different scale; use mean or percentage-of-answered-max to allow gaps.
      issue(['scoring', 'minAnswered'], 'a sum needs every counted item answered; use mean or percentage-of-answered-max to allow missing answers');
    }
    const bounds = counted.map((item) => itemBounds(item.answer)).filter((b) => b !== null);
    if (m.scoring.method === 'mean' && bounds.some((b) => b.min !== bounds[0]?.min || b.max !== bounds[0]?.max)) {
      issue(['scoring', 'method'], 'a mean needs every counted item on the same scale');
    }
    const expected = scoreRangeOf(m.scoring.method, bounds);
    if (m.range.min !== expected.min || m.range.max !== expected.max) {
      issue(['range'], `must be ${expected.min}..${expected.max} for ${m.scoring.method} scoring of these items`);
    }

    if (m.mcid.status === 'established' && m.mcid.percentOfFirst !== undefined && m.mcid.unit !== 'points') {
      issue(['mcid', 'percentOfFirst'], 'only goes with unit: points');
    }
    m.bands?.forEach((b, k) => {
      if (b.min > b.max) issue(['bands', k, 'max'], 'must be at least min');
      if (b.min < m.range.min || b.max > m.range.max) issue(['bands', k], `must lie within the range ${m.range.min}..${m.range.max}`);
      const previous = m.bands?.[k - 1];
      if (previous && b.min <= previous.max) issue(['bands', k, 'min'], 'bands must be in ascending order without overlap');
    });

    if (m.shipped && m.licence.kind === 'practice-licence') {
      issue(['shipped'], 'Loadline never ships an instrument under a practice licence; set shipped: false');
    }
  });

export type MeasureFrontMatter = z.infer<typeof measureFrontMatter>;
export type MeasureItem = z.infer<typeof measureItemSchema>;
export type MeasureAnswerFormat = z.infer<typeof measureAnswerSchema>;
export type MeasureMcid = MeasureFrontMatter['mcid'];
/** A validated instrument: front matter, the physio notes (Markdown body) and a hash of the file. */
export type Measure = MeasureFrontMatter & { notes: string; contentVersion: string };

export const defaultMeasuresDir = () => path.join(process.cwd(), 'content', 'measures');

/** Instrument files: every .md in dir except README.md. */
function measureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .sort()
    .map((f) => path.join(dir, f));
}

/** Parse and validate one instrument file; errors name the file (relative to root) and the field. */
export function parseMeasureFile(file: string, root: string): Measure {
  const { data, body, raw } = parseFile(file, measureFrontMatter, root);
  const contentVersion = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  return { ...data, notes: body, contentVersion };
}

/**
 * Read and validate every instrument in dir (default content/measures); throws ContentError
 * naming the file and field at fault. Paths in messages are relative to dir's grandparent,
 * so the shipped files read "content/measures/<slug>.md".
 */
export function loadMeasures(dir = defaultMeasuresDir()): Measure[] {
  // Not a file the build should follow: without the comment Turbopack traced the whole project
  // into the server output ("Dynamic filesystem access", printed by every next build).
  const root = path.dirname(path.dirname(path.resolve(/* turbopackIgnore: true */ dir)));
  return measureFiles(dir).map((file) => parseMeasureFile(file, root));
}

const globalForMeasures = globalThis as typeof globalThis & { __loadlineMeasures?: Measure[] };

/** The validated shipped instruments, read once per process. */
export function getMeasures(): Measure[] {
  globalForMeasures.__loadlineMeasures ??= loadMeasures();
  return globalForMeasures.__loadlineMeasures;
}

/** One instrument by slug, or null. */
export function getMeasure(measureSlug: string): Measure | null {
  return getMeasures().find((m) => m.slug === measureSlug) ?? null;
}
