// Outcome measures (issue 15): scoring one response to an instrument, and change between
// the first and the latest response judged against the instrument's MCID.
// Pure: no I/O, no clock. Nothing is rounded here; the UI rounds for display.
// The instrument format is defined and validated in lib/content/measures.ts.
import type { MeasureAnswerFormat, MeasureFrontMatter } from '@/lib/content/measures';
import { addDays, daysBetween } from '@/lib/dates';

/** What scoring needs from an instrument (a loaded Measure fits). */
export type Instrument = Pick<MeasureFrontMatter, 'items' | 'scoring' | 'range' | 'direction' | 'mcid'>;

/**
 * One answer. A bare number is the value of a scale or choice item. The object form adds the
 * activity the patient named (activity-scale items) or the text of a text item.
 */
export type AnswerInput = number | null | undefined | { value?: number | null; label?: string | null; text?: string | null };
/** Answers of one response, keyed by item id. Items left out (or null) were not answered. */
export type Answers = Readonly<Record<string, AnswerInput>>;

export type ScoreResult = {
  /** The score by the instrument's method; null for per-item scoring and for a response that is not valid. */
  score: number | null;
  /** The value of each counted item that was answered, by item id (the result of per-item scoring). */
  subscores: Record<string, number>;
  /** How many counted items were answered. */
  answered: number;
  valid: boolean;
  /** Why the response is not valid; null when it is. */
  reason: string | null;
};

export type MeasureResponse = { date: string; answers: Answers };

export type ScoredPoint = { date: string; score: number | null; subscores: Record<string, number> };

export type ItemChange = {
  first: number;
  latest: number;
  /** latest − first, in points. */
  change: number;
  /** The MCID for this item in points; null when none applies. */
  threshold: number | null;
  clinicallyImproved: boolean;
  clinicallyWorse: boolean;
};

export type MeasureChange = {
  /** The earliest valid response; null when there is none. */
  first: ScoredPoint | null;
  /** The latest valid response after the first; null with fewer than two valid responses. */
  latest: ScoredPoint | null;
  /** latest.score − first.score in points; null without two scores. */
  change: number | null;
  /** The MCID for this first score in points; null when the instrument has none (or it cannot apply). */
  threshold: number | null;
  clinicallyImproved: boolean;
  clinicallyWorse: boolean;
  /** Change of each item answered in both (an activity renamed in between is left out). */
  items: Record<string, ItemChange>;
};

// Means of integer scores are not exact in binary floating point (e.g. 5.6 - 8 is
// -2.4000000000000004), so "at least the threshold" allows for that noise (as pain.ts).
const EPSILON = 1e-9;

/** Lowest and highest value an item can take; null for free text, which is never scored. */
export function itemBounds(answer: MeasureAnswerFormat): { min: number; max: number } | null {
  switch (answer.type) {
    case 'scale':
    case 'activity-scale':
      return { min: answer.min, max: answer.max };
    case 'choice': {
      const values = answer.options.map((o) => o.value);
      return { min: Math.min(...values), max: Math.max(...values) };
    }
    case 'text':
      return null;
  }
}

/**
 * The possible score range for a method over items with these bounds: sum adds the ends,
 * mean and per-item span the items' ends, percentage-of-answered-max is 0–100.
 */
export function scoreRangeOf(method: Instrument['scoring']['method'], bounds: readonly { min: number; max: number }[]): { min: number; max: number } {
  switch (method) {
    case 'sum':
      return { min: bounds.reduce((s, b) => s + b.min, 0), max: bounds.reduce((s, b) => s + b.max, 0) };
    case 'percentage-of-answered-max':
      return { min: 0, max: 100 };
    case 'mean':
    case 'per-item':
      return { min: Math.min(...bounds.map((b) => b.min)), max: Math.max(...bounds.map((b) => b.max)) };
  }
}

type Normalised = { value: number | null; label: string | null; text: string | null; wrongShape: boolean };

function normalise(input: AnswerInput): Normalised {
  if (input === null || input === undefined) return { value: null, label: null, text: null, wrongShape: false };
  if (typeof input === 'number') return { value: input, label: null, text: null, wrongShape: false };
  if (typeof input !== 'object') return { value: null, label: null, text: null, wrongShape: true };
  const label = typeof input.label === 'string' && input.label.trim() !== '' ? input.label.trim() : null;
  const text = typeof input.text === 'string' && input.text.trim() !== '' ? input.text.trim() : null;
  const value = input.value ?? null;
  return { value, label, text, wrongShape: value !== null && typeof value !== 'number' };
}

const rejected = (reason: string): ScoreResult => ({ score: null, subscores: {}, answered: 0, valid: false, reason });

/**
 * Score one response.
 *
 * A response holding something the instrument cannot hold (an unknown item, a value off the
 * scale or between its steps, a value no option has, a number for a text item, an activity
 * rating without the activity named) is rejected as a whole: nothing from it is scored.
 * Otherwise the counted items (scoring.items) that have a value are "answered"; with fewer
 * than scoring.minAnswered the response is not valid and has no score. A valid response is
 * scored by the method, over the answered counted items only:
 *   sum                         Σ values (every counted item is answered: the format insists).
 *   mean                        Σ values / answered.
 *   percentage-of-answered-max  Σ (value − item min) / Σ (item max − item min) × 100; with
 *                               items scored 0–5: sum / (5 × answered) × 100.
 *   per-item                    no total (score null); read subscores.
 * Free-text answers and labels never change a score.
 */
export function scoreResponse(instrument: Instrument, answers: Answers): ScoreResult {
  const items = new Map(instrument.items.map((item) => [item.id, item]));
  for (const id of Object.keys(answers)) {
    if (!items.has(id)) return rejected(`${id}: not an item of this instrument`);
  }
  const values = new Map<string, number>();
  for (const item of instrument.items) {
    const given = normalise(answers[item.id]);
    if (given.wrongShape) return rejected(`${item.id}: the answer must be a number`);
    const a = item.answer;
    if (a.type === 'text') {
      if (given.value !== null) return rejected(`${item.id}: takes text, not a number`);
      if (given.text !== null && given.text.length > a.maxLength) return rejected(`${item.id}: longer than ${a.maxLength} characters`);
      continue;
    }
    if (given.value === null) continue;
    const v = given.value;
    if (!Number.isFinite(v)) return rejected(`${item.id}: ${v} is not a number`);
    if (a.type === 'choice') {
      if (!a.options.some((o) => o.value === v)) return rejected(`${item.id}: ${v} is not one of the options`);
    } else {
      if (v < a.min || v > a.max) return rejected(`${item.id}: ${v} is outside ${a.min}..${a.max}`);
      const steps = (v - a.min) / a.step;
      if (Math.abs(steps - Math.round(steps)) > EPSILON) return rejected(`${item.id}: ${v} is not on a step of ${a.step}`);
      if (a.type === 'activity-scale' && given.label === null) return rejected(`${item.id}: the activity is not named`);
    }
    values.set(item.id, v);
  }

  const subscores: Record<string, number> = {};
  let sum = 0;
  let room = 0;
  for (const id of instrument.scoring.items) {
    const v = values.get(id);
    const item = items.get(id);
    const bounds = item ? itemBounds(item.answer) : null;
    if (v === undefined || bounds === null) continue;
    subscores[id] = v;
    sum += v - (instrument.scoring.method === 'percentage-of-answered-max' ? bounds.min : 0);
    room += bounds.max - bounds.min;
  }
  const answered = Object.keys(subscores).length;
  const { method, minAnswered } = instrument.scoring;
  if (answered < minAnswered) {
    const needed = minAnswered === instrument.scoring.items.length ? `all ${minAnswered}` : `at least ${minAnswered} of ${instrument.scoring.items.length}`;
    return { score: null, subscores, answered, valid: false, reason: `${answered} answered; needs ${needed}` };
  }
  let score: number | null;
  switch (method) {
    case 'sum':
      score = sum;
      break;
    case 'mean':
      score = sum / answered;
      break;
    case 'percentage-of-answered-max':
      // Multiply first so whole-number percentages come out exact.
      score = room === 0 ? null : (sum * 100) / room;
      break;
    case 'per-item':
      score = null;
      break;
  }
  return { score, subscores, answered, valid: true, reason: null };
}

/**
 * The MCID in points for a change from `first`:
 *   unit points                   value, or the larger of value and percentOfFirst % of |first|.
 *   unit percent                  value % of |first|; null when first is 0 (no change is a percentage of 0).
 *   not-established / -applicable null.
 */
export function mcidThreshold(mcid: Instrument['mcid'], first: number): number | null {
  if (mcid.status !== 'established') return null;
  if (mcid.unit === 'percent') return first === 0 ? null : (mcid.value * Math.abs(first)) / 100;
  return mcid.percentOfFirst === undefined ? mcid.value : Math.max(mcid.value, (mcid.percentOfFirst * Math.abs(first)) / 100);
}

/** Improved/worse by direction: a change of at least the threshold, exactly on the line included. */
function judge(direction: Instrument['direction'], change: number, threshold: number | null) {
  if (threshold === null) return { clinicallyImproved: false, clinicallyWorse: false };
  const better = direction === 'higher-is-better' ? change : -change;
  return { clinicallyImproved: better >= threshold - EPSILON, clinicallyWorse: -better >= threshold - EPSILON };
}

/** The MCID for one item's change: mcid.perItem in points, or with per-item scoring the instrument's rule. */
function itemThreshold(instrument: Instrument, first: number): number | null {
  const { mcid } = instrument;
  if (mcid.status !== 'established') return null;
  if (mcid.perItem !== undefined) return mcid.perItem;
  return instrument.scoring.method === 'per-item' ? mcidThreshold(mcid, first) : null;
}

const labelOf = (input: AnswerInput) => (input !== null && typeof input === 'object' && typeof input.label === 'string' ? input.label.trim().toLowerCase() : null);

/**
 * Change from the first to the latest valid response. Responses are taken in date order
 * (ISO dates or timestamps; equal dates keep their given order) and responses that are not
 * valid are skipped. change = latest − first in points. Whether it is clinically important
 * depends on direction: for higher-is-better an improvement is a rise of at least the MCID,
 * for higher-is-worse a fall of at least the MCID; worse is the opposite. The MCID is in
 * points or a percentage of the first score (mcidThreshold). Items answered in both
 * responses get their own change, judged by mcid.perItem (or, for per-item scoring, by the
 * instrument's MCID); an activity-scale item whose named activity differs between the two
 * responses measures two different things and is left out.
 */
export function measureChange(instrument: Instrument, responses: readonly MeasureResponse[]): MeasureChange {
  const scored = responses
    .map((r, index) => ({ r, index, result: scoreResponse(instrument, r.answers) }))
    .filter((x) => x.result.valid)
    .sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.index - b.index));
  const none = { change: null, threshold: null, clinicallyImproved: false, clinicallyWorse: false, items: {} };
  const head = scored[0];
  if (!head) return { first: null, latest: null, ...none };
  const point = (x: typeof head): ScoredPoint => ({ date: x.r.date, score: x.result.score, subscores: x.result.subscores });
  const tail = scored.length > 1 ? scored[scored.length - 1] : undefined;
  if (!tail) return { first: point(head), latest: null, ...none };

  const items: Record<string, ItemChange> = {};
  for (const [id, first] of Object.entries(head.result.subscores)) {
    const latest = tail.result.subscores[id];
    if (latest === undefined) continue;
    const format = instrument.items.find((item) => item.id === id)?.answer;
    if (format?.type === 'activity-scale' && labelOf(head.r.answers[id]) !== labelOf(tail.r.answers[id])) continue;
    const change = latest - first;
    const threshold = itemThreshold(instrument, first);
    items[id] = { first, latest, change, threshold, ...judge(instrument.direction, change, threshold) };
  }

  const firstScore = head.result.score;
  const latestScore = tail.result.score;
  if (firstScore === null || latestScore === null) {
    return { first: point(head), latest: point(tail), change: null, threshold: null, clinicallyImproved: false, clinicallyWorse: false, items };
  }
  const change = latestScore - firstScore;
  const threshold = mcidThreshold(instrument.mcid, firstScore);
  return { first: point(head), latest: point(tail), change, threshold, ...judge(instrument.direction, change, threshold), items };
}

/** The instrument's words for a score (or, with per-item scoring, an item's value); null outside every band. */
export function bandOf(instrument: Pick<MeasureFrontMatter, 'bands'>, value: number): string | null {
  return instrument.bands?.find((b) => value >= b.min && value <= b.max)?.label ?? null;
}

// ---- Schedules: when a measure is due -------------------------------------------------

export type MeasureSchedule = { startDate: string; atIntake: boolean; everyWeeks: number | null; atDischarge: boolean };
export type MeasureDue = {
  due: boolean;
  /** The occurrence the patient is asked about: the latest on or before today. */
  occasion: 'intake' | 'follow-up' | 'discharge' | null;
  dueSince: string | null;
  /** Due for more than OVERDUE_AFTER_DAYS days. */
  overdue: boolean;
};

/** A response this many days before an occasion counts for it (a visit a few days early). */
export const EARLY_RESPONSE_DAYS = 3;
export const OVERDUE_AFTER_DAYS = 7;


/**
 * Whether a scheduled measure is due today. The occasions are the start date (at intake),
 * every `everyWeeks` weeks after it, and the discharge day (when the patient was discharged);
 * the latest occasion on or before today is due until a submitted response dated from
 * EARLY_RESPONSE_DAYS before it answers it.
 */
export function measureDue(schedule: MeasureSchedule, submittedOn: readonly string[], today: string, dischargedOn: string | null = null): MeasureDue {
  const occasions: { date: string; occasion: NonNullable<MeasureDue['occasion']> }[] = [];
  if (schedule.atIntake && schedule.startDate <= today) occasions.push({ date: schedule.startDate, occasion: 'intake' });
  if (schedule.everyWeeks && schedule.everyWeeks > 0 && schedule.startDate <= today) {
    const k = Math.floor(daysBetween(schedule.startDate, today) / (schedule.everyWeeks * 7));
    if (k >= 1) occasions.push({ date: addDays(schedule.startDate, k * schedule.everyWeeks * 7), occasion: 'follow-up' });
  }
  if (schedule.atDischarge && dischargedOn !== null && dischargedOn <= today) occasions.push({ date: dischargedOn, occasion: 'discharge' });
  const latest = occasions.reduce<(typeof occasions)[number] | null>((m, o) => (m === null || o.date >= m.date ? o : m), null);
  if (latest === null) return { due: false, occasion: null, dueSince: null, overdue: false };
  const answered = submittedOn.some((d) => d >= addDays(latest.date, -EARLY_RESPONSE_DAYS) && d <= today);
  if (answered) return { due: false, occasion: latest.occasion, dueSince: null, overdue: false };
  return { due: true, occasion: latest.occasion, dueSince: latest.date, overdue: daysBetween(latest.date, today) > OVERDUE_AFTER_DAYS };
}
