// The pain-monitoring model for running and exercise with back pain (Thomeé 1997;
// Silbernagel et al. 2007): a session's load is tolerated when the pain during it stays
// within a set limit, the back has settled by the next morning, and pain does not rise
// from week to week. Each session gets a verdict; two sessions "too much" within a week
// raise the "load not tolerated" alert. The portal, the patient page, the alert and the
// education article all read the verdict and the limits from here.
// Pure: no I/O, no clock; the caller passes "today".
import { addDays, daysBetween, isIsoDate, type IsoDate } from '@/lib/dates';
import { MORNING_AFTER } from '@/lib/validation/vocabulary';
import { dailyPain, weekMeanPain, type DailyPain, type PainReport } from './pain';

export { MORNING_AFTER };

export type PainMonitoringLimits = {
  /** Pain during the session above this (0–10) is too much. */
  painDuringMax: number;
  /** A rise of at least this many points in the week's mean daily pain, on the week before, is too much. */
  weeklyRisePoints: number;
};
export const DEFAULT_PAIN_MONITORING: PainMonitoringLimits = { painDuringMax: 5, weeklyRisePoints: 1 };

/** The practice's limits from its saved settings; a setting never saved keeps its default. */
export function painMonitoringLimits(settings: { painDuringMax?: number; painWeeklyRisePoints?: number }): PainMonitoringLimits {
  const n = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    painDuringMax: n(settings.painDuringMax, DEFAULT_PAIN_MONITORING.painDuringMax),
    weeklyRisePoints: n(settings.painWeeklyRisePoints, DEFAULT_PAIN_MONITORING.weeklyRisePoints),
  };
}

/** The next-morning check-in: pain and stiffness compared with the patient's usual. */
export type MorningAfter = (typeof MORNING_AFTER)[number];
export const MORNING_AFTER_LABELS: Record<MorningAfter, string> = { better: 'Better than usual', usual: 'Same as usual', worse: 'Worse than usual' };

/** Sessions after which the portal asks the next-morning question. */
export const CHECK_IN_ACTIVITIES: ReadonlySet<string> = new Set(['run', 'strength']);
/** The question can be answered on the two days after the session (day + 1, day + 2). */
export const CHECK_IN_DAYS = 2;

export type MonitoredSession = { date: string; activity: string; painDuring: number | null; morningAfter: MorningAfter | null };

export type ToleranceVerdict = 'acceptable' | 'too-much' | 'unknown';
export type ToleranceReason =
  | 'pain-during-high'
  | 'worse-next-morning'
  | 'weekly-rise'
  | 'pain-during-missing'
  | 'morning-pending'
  | 'morning-missed';

export type WeeklyPainRise = { thisWeek: number | null; lastWeek: number | null; rise: number | null };
export type SessionTolerance = { verdict: ToleranceVerdict; reasons: ToleranceReason[]; weeklyPain: WeeklyPainRise };

// Means of integer scores are not exact in binary, so "at least" allows for that noise.
const EPSILON = 1e-9;

/** Whether the next-morning question is asked after this activity. */
export const asksMorningCheckIn = (activity: string) => CHECK_IN_ACTIVITIES.has(activity);

/** Whether the check-in for a session on `sessionDate` can be answered on `today`. */
export function checkInOpen(sessionDate: IsoDate, today: IsoDate): boolean {
  if (!isIsoDate(sessionDate) || !isIsoDate(today)) return false;
  const days = daysBetween(sessionDate, today);
  return days >= 1 && days <= CHECK_IN_DAYS;
}

/**
 * The week's mean daily pain (the 7 days ending on `day`, a day's pain being its highest
 * report) against the 7 days before; rise is null unless both weeks have a report.
 * Judging many sessions: pass dailyPain(reports), built once, instead of the reports.
 */
export function weeklyPainRise(pain: readonly PainReport[] | DailyPain, day: IsoDate): WeeklyPainRise {
  const daily = dailyPain(pain);
  const thisWeek = weekMeanPain(daily, day);
  const lastWeek = weekMeanPain(daily, addDays(day, -7));
  return { thisWeek, lastWeek, rise: thisWeek === null || lastWeek === null ? null : thisWeek - lastWeek };
}

/**
 * One session's verdict on `today`.
 * - too much: pain during above the limit, or worse than usual the next morning, or the
 *   week's pain up by at least the set points on the week before;
 * - acceptable: pain during recorded and within the limit, the morning check-in (where it is
 *   asked) better or same as usual, and no weekly rise;
 * - unknown: anything the rule needs is missing (pain during not recorded, check-in not yet
 *   answered or missed), and nothing already says too much.
 */
export function painMonitoring(
  session: MonitoredSession,
  pain: readonly PainReport[] | DailyPain,
  today: IsoDate,
  limits: PainMonitoringLimits = DEFAULT_PAIN_MONITORING,
): SessionTolerance {
  const weeklyPain = isIsoDate(session.date) ? weeklyPainRise(pain, session.date) : { thisWeek: null, lastWeek: null, rise: null };
  const tooMuch: ToleranceReason[] = [];
  if (session.painDuring !== null && session.painDuring > limits.painDuringMax) tooMuch.push('pain-during-high');
  if (session.morningAfter === 'worse') tooMuch.push('worse-next-morning');
  if (weeklyPain.rise !== null && weeklyPain.rise >= limits.weeklyRisePoints - EPSILON) tooMuch.push('weekly-rise');
  if (tooMuch.length > 0) return { verdict: 'too-much', reasons: tooMuch, weeklyPain };

  const missing: ToleranceReason[] = [];
  if (session.painDuring === null) missing.push('pain-during-missing');
  if (asksMorningCheckIn(session.activity) && session.morningAfter === null) {
    const stillOpen = isIsoDate(session.date) && isIsoDate(today) && daysBetween(session.date, today) <= CHECK_IN_DAYS;
    missing.push(stillOpen ? 'morning-pending' : 'morning-missed');
  }
  return { verdict: missing.length > 0 ? 'unknown' : 'acceptable', reasons: missing, weeklyPain };
}

/** Sessions too much before the alert fires, and the window they must fall in (days ending on asOf). */
export const NOT_TOLERATED_SESSIONS = 2;
export const NOT_TOLERATED_WINDOW_DAYS = 7;

/**
 * "Load not tolerated": at least NOT_TOLERATED_SESSIONS sessions too much in the
 * NOT_TOLERATED_WINDOW_DAYS days ending on asOf. Returns the too-much sessions of the
 * window (oldest first) when it applies, else null.
 */
export function loadNotTolerated<S extends MonitoredSession>(
  sessions: readonly S[],
  pain: readonly PainReport[] | DailyPain,
  asOf: IsoDate,
  limits: PainMonitoringLimits = DEFAULT_PAIN_MONITORING,
): { session: S; tolerance: SessionTolerance }[] | null {
  const from = addDays(asOf, -(NOT_TOLERATED_WINDOW_DAYS - 1));
  const daily = dailyPain(pain);
  const tooMuch = sessions
    .filter((s) => isIsoDate(s.date) && s.date >= from && s.date <= asOf)
    .map((session) => ({ session, tolerance: painMonitoring(session, daily, asOf, limits) }))
    .filter((x) => x.tolerance.verdict === 'too-much')
    .sort((a, b) => (a.session.date < b.session.date ? -1 : a.session.date > b.session.date ? 1 : 0));
  return tooMuch.length >= NOT_TOLERATED_SESSIONS ? tooMuch : null;
}

/** Why, in a few words, for the physio (alert messages, the session list). */
export function reasonText(reason: ToleranceReason, session: Pick<MonitoredSession, 'painDuring'>, weeklyPain: WeeklyPainRise): string {
  switch (reason) {
    case 'pain-during-high':
      return `pain ${session.painDuring}/10 during`;
    case 'worse-next-morning':
      return 'worse next morning';
    case 'weekly-rise':
      return `week's pain up ${(weeklyPain.rise ?? 0).toFixed(1)}`;
    case 'pain-during-missing':
      return 'pain during not logged';
    case 'morning-pending':
      return 'morning check-in due';
    case 'morning-missed':
      return 'no morning check-in';
  }
}

/** What the verdict means, in the same words for the patient and the physio. */
export const TOLERANCE_GUIDE: Record<ToleranceVerdict, { label: string; advice: string }> = {
  acceptable: { label: 'Acceptable', advice: 'Keep going: your back is handling this amount. Build up gradually as planned.' },
  'too-much': { label: 'Too much', advice: 'Ease off: next time make it shorter or easier, and see how your back settles.' },
  unknown: { label: 'Not known yet', advice: 'We need a little more to judge this session.' },
};

/** Advice once the alert applies: two sessions too much in a week. */
export const NOT_TOLERATED_ADVICE = 'Two sessions in a week were too much: talk to your physio before your next hard session.';

/** Why, in the patient's words, from the same limits (the portal after logging and after the check-in). */
export function patientReasonText(reason: ToleranceReason, session: Pick<MonitoredSession, 'painDuring'>, weeklyPain: WeeklyPainRise, limits: PainMonitoringLimits): string {
  switch (reason) {
    case 'pain-during-high':
      return `Your pain during it was ${session.painDuring}/10: above the ${limits.painDuringMax}/10 your practice treats as the limit.`;
    case 'worse-next-morning':
      return 'Your back felt worse than usual the next morning.';
    case 'weekly-rise':
      return `Your average pain this week is ${(weeklyPain.rise ?? 0).toFixed(1)} points higher than the week before.`;
    case 'pain-during-missing':
      return 'Pain during the session was not logged, so it cannot be judged fully.';
    case 'morning-pending':
      return 'Tomorrow morning, tell us how your back feels compared with usual: the question will be on your Today page.';
    case 'morning-missed':
      return 'The next-morning check-in was not answered.';
  }
}

/**
 * The rule in plain words from the practice's limits, for the education article and the
 * portal: the same numbers the verdicts use.
 */
export function ruleInWords(limits: PainMonitoringLimits): { acceptable: string[]; tooMuch: string[]; alert: string } {
  const rise = Number.isInteger(limits.weeklyRisePoints) ? String(limits.weeklyRisePoints) : limits.weeklyRisePoints.toFixed(1);
  return {
    acceptable: [
      `Pain during the session of ${limits.painDuringMax}/10 or less.`,
      'By the next morning, pain and stiffness are back to your usual (or better).',
      'Your pain is not creeping up from one week to the next.',
    ],
    tooMuch: [
      `Pain during the session above ${limits.painDuringMax}/10.`,
      'Pain or stiffness worse than usual the next morning.',
      `Your average pain over a week up by ${rise} point${rise === '1' ? '' : 's'} or more on the week before.`,
    ],
    alert: `If ${NOT_TOLERATED_SESSIONS} sessions in ${NOT_TOLERATED_WINDOW_DAYS} days are too much, your physio is told, and it is time to talk about your plan.`,
  };
}
