// Training load (session-RPE), acute:chronic ratios, monotony, strain and weekly
// running distance, as docs/clinical.md defines them.
// Pure: no I/O, no clock. Every undefined value is null, never NaN or Infinity.
import { addDays, daysBetween, isIsoDate, type IsoDate } from '@/lib/dates';

/** rpe is null for an imported run the patient has not rated yet: it adds no load until rated. */
export type Session = { date: string; durationMin: number; rpe: number | null; distanceKm?: number | null; activity: string };

export type DailyLoad = { date: IsoDate; load: number };
export type WeeklyLoad = { weekEnd: IsoDate; load: number; distanceKm: number };
export type LoadMetrics = {
  acute: number;
  chronic: number;
  acwr: number | null;
  ewmaAcute: number | null;
  ewmaChronic: number | null;
  ewmaAcwr: number | null;
  monotony: number | null;
  strain: number | null;
  weeklyDistanceKm: number;
  weeklyDistanceChangePct: number | null;
};
export type DayMetrics = LoadMetrics & { date: IsoDate };
export type DistanceChangeLevel = 'ok' | 'amber' | 'red';

/**
 * The history window the ratios are computed from, the same for the alerts and the
 * patient page's chart: on day D, the sessions of D - LOAD_HISTORY_DAYS..D (the EWMA
 * starts at the first session in it, and the 21 days of history are counted from it).
 * After 182 days the chronic EWMA's weight on older loads is (1 - 2/29)^182 < 3e-6.
 */
export const LOAD_HISTORY_DAYS = 182;

const WEEK = 7;
const CHRONIC_DAYS = 28;
/** Ratios need this many days between the first session and the day asked about. */
const MIN_HISTORY_DAYS = 21;
const LAMBDA_ACUTE = 2 / (WEEK + 1);
const LAMBDA_CHRONIC = 2 / (CHRONIC_DAYS + 1);

/**
 * Foster session-RPE in AU. A malformed number counts as no load rather than poisoning every
 * sum; an unrated session (an import not yet rated) has no session-RPE, so no load yet.
 */
export function sessionLoad(s: Pick<Session, 'durationMin' | 'rpe'>): number {
  if (s.rpe === null) return 0;
  const load = s.durationMin * s.rpe;
  return Number.isFinite(load) ? load : 0;
}

function runKm(s: Session): number {
  const km = s.activity === 'run' ? (s.distanceKm ?? 0) : 0;
  return Number.isFinite(km) ? km : 0;
}

/** Sessions whose date is a real calendar day; anything else cannot be placed on a chart. */
const dated = (sessions: readonly Session[]) => sessions.filter((s) => isIsoDate(s.date));

/** Per-day load and run km for start..end, one slot per day; dated sessions outside it are dropped. */
function dayTable(sessions: readonly Session[], start: IsoDate, end: IsoDate) {
  const length = Math.max(0, daysBetween(start, end) + 1);
  const loads = new Array<number>(length).fill(0);
  const km = new Array<number>(length).fill(0);
  for (const s of sessions) {
    const i = daysBetween(start, s.date);
    if (i < 0 || i >= length) continue;
    loads[i] = (loads[i] ?? 0) + sessionLoad(s);
    km[i] = (km[i] ?? 0) + runKm(s);
  }
  return { loads, km };
}

/** Earliest session date on or before `asOf` (ISO dates sort as strings). */
function firstSessionDate(sessions: readonly Session[], asOf: IsoDate): IsoDate | null {
  let first: IsoDate | null = null;
  for (const s of sessions) {
    if (s.date <= asOf && (first === null || s.date < first)) first = s.date;
  }
  return first;
}

/** Sum of the `length` values ending at index `end` (indices before 0 are days without sessions). */
function sumWindow(values: readonly number[], end: number, length: number): number {
  let sum = 0;
  for (let i = Math.max(0, end - length + 1); i <= end; i++) sum += values[i] ?? 0;
  return sum;
}

function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const r = numerator / denominator;
  return Number.isFinite(r) ? r : null;
}

/** Foster monotony: mean / population SD of the week's daily loads; null when SD is 0. */
function monotonyOf(week: readonly number[]): number | null {
  // Identical loads have SD 0 by definition; testing equality avoids a float-noise SD of 1e-14.
  if (week.every((x) => x === week[0])) return null;
  const mean = week.reduce((a, b) => a + b, 0) / week.length;
  const variance = week.reduce((a, x) => a + (x - mean) ** 2, 0) / week.length;
  return ratio(mean, Math.sqrt(variance));
}

/** Percentage change, null when there is nothing to compare against. */
function pctChange(current: number, previous: number): number | null {
  // Multiply first: (13 - 10) * 100 / 10 is exactly 30, (13 - 10) / 10 * 100 is not.
  return ratio((current - previous) * 100, previous);
}

type Ewma = { acute: number; chronic: number };

/**
 * The EWMA carried over one day: started by the first session's day (its load is both
 * averages), then each day's load weighted by λ = 2 / (N + 1), for N = 7 and 28 days.
 */
function nextEwma(ewma: Ewma | null, load: number): Ewma {
  if (ewma === null) return { acute: load, chronic: load };
  return { acute: LAMBDA_ACUTE * load + (1 - LAMBDA_ACUTE) * ewma.acute, chronic: LAMBDA_CHRONIC * load + (1 - LAMBDA_CHRONIC) * ewma.chronic };
}

function metricsAt(loads: readonly number[], km: readonly number[], i: number, ewma: Ewma | null, historyDays: number | null): LoadMetrics {
  const acute = sumWindow(loads, i, WEEK);
  const chronic = sumWindow(loads, i, CHRONIC_DAYS) / 4;
  const enoughHistory = historyDays !== null && historyDays >= MIN_HISTORY_DAYS;
  const monotony = monotonyOf(Array.from({ length: WEEK }, (_, k) => loads[i - WEEK + 1 + k] ?? 0));
  const weeklyDistanceKm = sumWindow(km, i, WEEK);
  return {
    acute,
    chronic,
    acwr: enoughHistory ? ratio(acute, chronic) : null,
    ewmaAcute: ewma?.acute ?? null,
    ewmaChronic: ewma?.chronic ?? null,
    ewmaAcwr: enoughHistory && ewma ? ratio(ewma.acute, ewma.chronic) : null,
    monotony,
    strain: monotony === null ? null : acute * monotony,
    weeklyDistanceKm,
    weeklyDistanceChangePct: pctChange(weeklyDistanceKm, sumWindow(km, i - WEEK, WEEK)),
  };
}

/** One entry per day from..to inclusive: the day's summed session load, 0 without sessions. */
export function dailyLoads(sessions: readonly Session[], from: IsoDate, to: IsoDate): DailyLoad[] {
  const { loads } = dayTable(dated(sessions), from, to);
  return loads.map((load, i) => ({ date: addDays(from, i), load }));
}

/**
 * loadMetrics for every day from..to in one pass: the EWMA is carried forward day by
 * day from the first session instead of being recomputed for each day of a chart.
 */
export function metricsSeries(allSessions: readonly Session[], from: IsoDate, to: IsoDate): DayMetrics[] {
  if (!isIsoDate(from) || !isIsoDate(to) || to < from) return [];
  const sessions = dated(allSessions);
  const first = firstSessionDate(sessions, to);
  // The 28-day chronic window (and the 14 days of distance change) of `from` reach back 27 days.
  const windowStart = addDays(from, -(CHRONIC_DAYS - 1));
  const start = first !== null && first < windowStart ? first : windowStart;
  const { loads, km } = dayTable(sessions, start, to);
  const firstIndex = first === null ? Infinity : daysBetween(start, first);
  const fromIndex = daysBetween(start, from);

  const series: DayMetrics[] = [];
  let ewma: Ewma | null = null;
  for (let i = 0; i < loads.length; i++) {
    if (i >= firstIndex) ewma = nextEwma(i === firstIndex ? null : ewma, loads[i] ?? 0);
    if (i < fromIndex) continue;
    const historyDays = i >= firstIndex ? i - firstIndex : null;
    series.push({ date: addDays(start, i), ...metricsAt(loads, km, i, ewma, historyDays) });
  }
  return series;
}

/** Every load measure for day `asOf`; sessions after it are ignored. */
export function loadMetrics(sessions: readonly Session[], asOf: IsoDate): LoadMetrics {
  const day = metricsSeries(sessions, asOf, asOf)[0];
  if (!day) throw new RangeError(`loadMetrics: not a calendar day: ${asOf}`);
  const { date: _date, ...metrics } = day;
  return metrics;
}

/**
 * Chart buckets: full 7-day weeks ending on `to`, `to` - 7, ... back to the week that
 * contains `from`, oldest first. Each bucket always spans 7 days so weeks compare fairly.
 * distanceKm counts runs only, like weekly distance.
 */
export function weeklyLoads(sessions: readonly Session[], from: IsoDate, to: IsoDate): WeeklyLoad[] {
  if (!isIsoDate(from) || !isIsoDate(to) || to < from) return [];
  const weeks = Math.floor(daysBetween(from, to) / WEEK) + 1;
  const start = addDays(to, -(weeks * WEEK - 1));
  const { loads, km } = dayTable(dated(sessions), start, to);
  return Array.from({ length: weeks }, (_, w) => {
    const end = (w + 1) * WEEK - 1;
    return { weekEnd: addDays(start, end), load: sumWindow(loads, end, WEEK), distanceKm: sumWindow(km, end, WEEK) };
  });
}

/** First day of the history window of `asOf` (see LOAD_HISTORY_DAYS). */
export const loadHistoryStart = (asOf: IsoDate): IsoDate => addDays(asOf, -LOAD_HISTORY_DAYS);

/**
 * loadMetrics on `asOf` from the sessions of its history window only (loadHistoryStart(asOf)..asOf),
 * as the alerts read them: an old session outside the window neither starts the EWMA nor
 * counts towards the 21 days of history.
 */
export function windowedLoadMetrics(sessions: readonly Session[], asOf: IsoDate): LoadMetrics {
  const [metrics] = windowedLoadMetricsOn(sessions, [asOf]);
  return metrics!;
}

/**
 * windowedLoadMetrics on each of `days`, from one table of daily loads instead of one per day
 * (the patient page asks for every week of a year). Each day's numbers still come from its
 * own window only: the EWMA starts at the first session of that window, and every look-back
 * (28 days at most) stays inside the window's 183 days. Same arithmetic in the same order as
 * loadMetrics on the window's sessions, so the results are equal, not merely close
 * (tests/unit/analytics-load.test.ts).
 */
export function windowedLoadMetricsOn(sessions: readonly Session[], days: readonly IsoDate[]): LoadMetrics[] {
  const bad = days.find((d) => !isIsoDate(d));
  if (bad !== undefined) throw new RangeError(`loadMetrics: not a calendar day: ${bad}`);
  if (days.length === 0) return [];
  const last = days.reduce((a, b) => (b > a ? b : a));
  const start = loadHistoryStart(days.reduce((a, b) => (b < a ? b : a)));
  const inRange = dated(sessions).filter((s) => s.date >= start && s.date <= last);
  const { loads, km } = dayTable(inRange, start, last);
  const hasSession = new Array<boolean>(loads.length).fill(false);
  for (const s of inRange) hasSession[daysBetween(start, s.date)] = true;

  return days.map((day) => {
    const at = daysBetween(start, day);
    let first = -1;
    for (let i = at - LOAD_HISTORY_DAYS; i <= at; i++) {
      if (hasSession[i]) { first = i; break; }
    }
    let ewma: Ewma | null = null;
    for (let i = first; first >= 0 && i <= at; i++) ewma = nextEwma(ewma, loads[i] ?? 0);
    return metricsAt(loads, km, at, ewma, first >= 0 ? at - first : null);
  });
}

export type WeeklyLoadChange = WeeklyLoad & { loadChangePct: number | null };

/** weeklyLoads with each week's load change on the 7 days before it (%); null when that week had no load. */
export function weeklyLoadChanges(sessions: readonly Session[], from: IsoDate, to: IsoDate): WeeklyLoadChange[] {
  if (!isIsoDate(from) || !isIsoDate(to) || to < from) return [];
  // One more week than asked for, so the first week shown has a week to compare with.
  const weeks = weeklyLoads(sessions, addDays(from, -WEEK), to);
  return weeks.slice(1).map((week, i) => ({ ...week, loadChangePct: pctChange(week.load, weeks[i]?.load ?? 0) }));
}

/**
 * A week's running-distance change: red above the practice's alert level (the
 * distance-spike alert's, default 30%), amber above 10% (or the red level, if lower).
 */
export function distanceChangeLevel(pct: number | null, redPct = 30): DistanceChangeLevel | null {
  if (pct === null || !Number.isFinite(pct)) return null;
  if (pct > redPct) return 'red';
  if (pct > Math.min(10, redPct)) return 'amber';
  return 'ok';
}
