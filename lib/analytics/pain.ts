// Pain on the 0–10 numeric rating scale: daily and rolling trends, and change from a
// baseline week judged against the minimal clinically important difference (MCID).
// Pure: no I/O, no clock. Nothing is rounded here; the UI rounds for display.
import { addDays, dateRange, dayNumber, isIsoDate, type IsoDate } from '@/lib/dates';

export type PainReport = { date: string; score: number };
export type PainTrendPoint = { date: IsoDate; daily: number | null; rolling: number | null };
export type PainChange = {
  baseline: number | null;
  current: number | null;
  change: number | null;
  changePct: number | null;
  clinicallyWorse: boolean;
  clinicallyBetter: boolean;
};
/** MCID for NRS pain in low back pain: 2 points or 30% of baseline, whichever is larger. */
export type PainMcid = { minPoints: number; pct: number };

export const DEFAULT_PAIN_MCID: PainMcid = { minPoints: 2, pct: 30 };

const WEEK = 7;
// Means of integer scores are not exact in binary floating point (e.g. 5.6 - 8 is
// -2.4000000000000004), so "at least the threshold" allows for that noise.
const EPSILON = 1e-9;

/** Each day's pain (its highest report), keyed by day: build it once to judge many days (dailyPain). */
export type DailyPain = ReadonlyMap<IsoDate, number>;

/** Daily pain = the highest score reported that day. */
function dailyMax(reports: readonly PainReport[], upTo?: IsoDate): Map<IsoDate, number> {
  const byDay = new Map<IsoDate, number>();
  for (const r of reports) {
    if (!isIsoDate(r.date) || !Number.isFinite(r.score)) continue;
    if (upTo !== undefined && r.date > upTo) continue;
    const seen = byDay.get(r.date);
    if (seen === undefined || r.score > seen) byDay.set(r.date, r.score);
  }
  return byDay;
}

/** Mean of the days that have a report (null entries are days without one); null when none do. */
function meanOfReported(scores: readonly (number | null)[]): number | null {
  const reported = scores.filter((score): score is number => score !== null);
  return reported.length === 0 ? null : reported.reduce((a, b) => a + b, 0) / reported.length;
}

/** The patient's daily pain from their reports, for the functions that take DailyPain. */
export function dailyPain(reports: readonly PainReport[] | DailyPain): DailyPain {
  return isDailyPain(reports) ? reports : dailyMax(reports);
}

const isDailyPain = (x: readonly PainReport[] | DailyPain): x is DailyPain => x instanceof Map;

/** Mean daily pain of the 7 days ending on `day` (days with a report only); null when none has one. */
export function weekMeanPain(daily: DailyPain, day: IsoDate): number | null {
  const end = dayNumber(day);
  if (end === null) return meanOfReported(scoresOver(daily, addDays(day, -(WEEK - 1)), day));
  // The same days, oldest first, read by day number: no date strings (a year of sessions asks
  // for two weeks around each one).
  const byNumber = scoresByDayNumber(daily);
  const scores: (number | null)[] = [];
  for (let n = end - (WEEK - 1); n <= end; n++) scores.push(byNumber.get(n) ?? null);
  return meanOfReported(scores);
}

// A DailyPain is read-only (ReadonlyMap): its scores by day number are indexed once, on first
// use, and kept for as long as the map itself.
const indexedByDayNumber = new WeakMap<DailyPain, Map<number, number>>();
function scoresByDayNumber(daily: DailyPain): ReadonlyMap<number, number> {
  let index = indexedByDayNumber.get(daily);
  if (!index) {
    index = new Map();
    for (const [day, score] of daily) {
      const n = dayNumber(day);
      if (n !== null) index.set(n, score);
    }
    indexedByDayNumber.set(daily, index);
  }
  return index;
}

const scoresOver = (daily: ReadonlyMap<IsoDate, number>, from: IsoDate, to: IsoDate) =>
  dateRange(from, to).map((day) => daily.get(day) ?? null);

/**
 * One point per day from..to. Rolling pain on D looks at D-6..D, so the first days of
 * the range use reports from before `from`.
 */
export function painTrend(reports: readonly PainReport[], from: IsoDate, to: IsoDate): PainTrendPoint[] {
  const lookBack = addDays(from, -(WEEK - 1));
  const scores = scoresOver(dailyMax(reports), lookBack, to);
  // scores[k + WEEK - 1] is day k of the range; its week is scores[k .. k + WEEK - 1].
  return scores.slice(WEEK - 1).map((daily, k) => ({
    date: addDays(from, k),
    daily,
    rolling: meanOfReported(scores.slice(k, k + WEEK)),
  }));
}

/** Whether a change reaches the MCID: |change| >= max(minPoints, pct% of baseline). */
export function isClinicallyImportant(change: number, baseline: number, mcid: PainMcid = DEFAULT_PAIN_MCID): boolean {
  const threshold = Math.max(mcid.minPoints, (mcid.pct * baseline) / 100);
  return Math.abs(change) >= threshold - EPSILON;
}

/**
 * Baseline week (baselineDate..+6) against the week ending on asOf. Reports after
 * asOf are ignored, also inside a baseline week that has not finished yet, so a
 * past day's answer never depends on what was logged later.
 */
export function painChange(
  reports: readonly PainReport[],
  baselineDate: IsoDate,
  asOf: IsoDate,
  mcid: PainMcid = DEFAULT_PAIN_MCID,
): PainChange {
  const daily = dailyMax(reports, asOf);
  const baseline = meanOfReported(scoresOver(daily, baselineDate, addDays(baselineDate, WEEK - 1)));
  const current = meanOfReported(scoresOver(daily, addDays(asOf, -(WEEK - 1)), asOf));
  if (baseline === null || current === null) {
    return { baseline, current, change: null, changePct: null, clinicallyWorse: false, clinicallyBetter: false };
  }
  const change = current - baseline;
  const important = isClinicallyImportant(change, baseline, mcid);
  return {
    baseline,
    current,
    change,
    // Multiply first so whole-number percentages come out exact.
    changePct: baseline === 0 ? null : (change * 100) / baseline,
    clinicallyWorse: important && change > 0,
    clinicallyBetter: important && change < 0,
  };
}

/**
 * The one baseline-date rule, used by the patient page's charts and by the alerts: the
 * date the physio set for the patient, else the start of the patient's current (active)
 * program, else none.
 */
export function painBaselineDate(patientBaselineDate: string | null | undefined, activeProgramStart: string | null | undefined): IsoDate | null {
  if (patientBaselineDate && isIsoDate(patientBaselineDate)) return patientBaselineDate;
  if (activeProgramStart && isIsoDate(activeProgramStart)) return activeProgramStart;
  return null;
}

/** The clinically important change for this baseline: max(minPoints, pct% of baseline), in points. */
export function importantChangeThreshold(baseline: number, mcid: PainMcid = DEFAULT_PAIN_MCID): number {
  return Math.max(mcid.minPoints, (mcid.pct * baseline) / 100);
}

export type PainBaselineComparison = PainChange & {
  baselineDate: IsoDate | null;
  /** The rule used (the practice's points, and the percentage of baseline). */
  mcid: PainMcid;
  /** max(mcid.minPoints, mcid.pct% of baseline); null without a baseline. */
  threshold: number | null;
  /** What the chart shades: baseline ± threshold, clipped to the 0–10 scale; null without a baseline. */
  band: { low: number; high: number } | null;
};

/**
 * Everything the pain chart and the pain-worse alert say about change from baseline, in
 * one place: baseline and current 7-day means (painChange), the change, the important-change
 * threshold and the band the chart draws. No baseline date: every figure is null.
 */
export function painBaselineComparison(
  reports: readonly PainReport[],
  baselineDate: IsoDate | null,
  asOf: IsoDate,
  mcid: PainMcid = DEFAULT_PAIN_MCID,
): PainBaselineComparison {
  const change: PainChange =
    baselineDate === null
      ? { baseline: null, current: null, change: null, changePct: null, clinicallyWorse: false, clinicallyBetter: false }
      : painChange(reports, baselineDate, asOf, mcid);
  const threshold = change.baseline === null ? null : importantChangeThreshold(change.baseline, mcid);
  const band =
    change.baseline === null || threshold === null
      ? null
      : { low: Math.max(0, change.baseline - threshold), high: Math.min(10, change.baseline + threshold) };
  return { ...change, baselineDate, mcid, threshold, band };
}
