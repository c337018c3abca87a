// Caseload alerts for one patient on one day: which signals from pain, load, distance,
// adherence and logging need a physio's attention, most urgent first.
// Pure: the caller passes the patient's logs and the day; nothing here reads a clock.
import { addDays, dayMonth, daysBetween, isIsoDate, type IsoDate } from '@/lib/dates';
import { fromKm, type DistanceUnit } from '@/lib/units';
import { byUrgency, symptomLabel, TIER_GUIDE, type RedFlagTier } from '@/lib/validation/symptoms';
import type { ALERT_KINDS } from '@/lib/validation/vocabulary';
import { adherence, type Adherence, type AdherenceCompletion, type AdherenceItem } from './adherence';
import { type LoadMetrics, metricsSeries, type Session } from './load';
import { painChange } from './pain';
import { DEFAULT_PAIN_MONITORING, loadNotTolerated, reasonText, type MonitoredSession, type ToleranceReason } from './pain-monitoring';

export type AlertThresholds = {
  painWorseMinPoints: number;
  painWorsePct: number;
  acwrSpike: number;
  weeklyDistanceRedPct: number;
  adherenceLowPct: number;
  inactivityDays: number;
  /** The pain-monitoring limits (lib/analytics/pain-monitoring.ts). */
  painDuringMax: number;
  weeklyRisePoints: number;
};

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  painWorseMinPoints: 2,
  painWorsePct: 30,
  acwrSpike: 1.5,
  weeklyDistanceRedPct: 30,
  adherenceLowPct: 50,
  inactivityDays: 14,
  painDuringMax: DEFAULT_PAIN_MONITORING.painDuringMax,
  weeklyRisePoints: DEFAULT_PAIN_MONITORING.weeklyRisePoints,
};

/** The patient's open warning-sign alert (lib/analytics/red-flags.ts): open until a clinician closes it. */
export type OpenWarningSigns = { alertId: string; tier: RedFlagTier; flags: string[]; openedAt: string; lastReportDate: IsoDate; reportCount: number };

export type AlertInput = {
  pain: { date: string; score: number }[];
  /** Not windowed: an open warning sign shows until it is closed with an action. */
  warningSigns?: OpenWarningSigns | null;
  sessions: Session[];
  /**
   * Sessions with pain during and the next-morning check-in, for the pain-monitoring rule
   * (at least the 7 days ending on asOf); `pain` must then hold the 13 days before the oldest.
   */
  monitored?: MonitoredSession[];
  completions: { date: string }[];
  /**
   * The patient's last activity (lastActivity below) when the caller knows it from beyond
   * the windows passed here; otherwise it is found in pain, sessions and completions.
   */
  lastActivityDate?: IsoDate | null;
  /** Sum of sessionsPerWeek over the active program's items; 0 = no program. */
  prescribedPerWeek: number;
  programStart: string | null;
  /**
   * Per-exercise prescriptions and ticks (lib/analytics/adherence.ts). When given, adherence
   * is computed from these alone (prescribedPerWeek, programStart and completions are not
   * used for it); without them the program counts as one exercise from its start.
   */
  adherence?: { items: AdherenceItem[]; completions: AdherenceCompletion[] };
  baselineDate: string | null;
  thresholds?: Partial<AlertThresholds>;
  /** The practice's unit for distances in messages (evidence stays in km); default km. */
  distanceUnit?: DistanceUnit;
};

/** emergency, urgent (same day) and high (review) for warning signs by tier; the rest for trends. */
export type AlertSeverity = 'emergency' | 'urgent' | 'high' | 'medium' | 'low';
/** Higher is more urgent, like `level` within a severity. */
export const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { emergency: 4, urgent: 3, high: 2, medium: 1, low: 0 };
const TIER_SEVERITY = { emergency: 'emergency', 'same-day': 'urgent', review: 'high' } as const satisfies Record<RedFlagTier, AlertSeverity>;

type AlertOf<K extends (typeof ALERT_KINDS)[number], S extends AlertSeverity, E> = { kind: K; severity: S; message: string; evidence: E; level: number };
export type Alert =
  | AlertOf<'red-flag', 'emergency' | 'urgent' | 'high', OpenWarningSigns>
  | AlertOf<'pain-worse', 'high', { baseline: number; current: number; change: number }>
  | AlertOf<'load-not-tolerated', 'high', { sessions: { date: IsoDate; reasons: ToleranceReason[] }[] }>
  | AlertOf<'acwr-spike', 'medium', { acwr: number; method: 'ewma' | 'rolling'; acute: number; chronic: number }>
  | AlertOf<'distance-spike', 'medium', { thisWeekKm: number; lastWeekKm: number; changePct: number }>
  | AlertOf<'low-adherence', 'medium', { completed: number; prescribed: number; adherencePct: number; perItem?: { id: string; title?: string; completed: number; prescribed: number; pct: number }[] }>
  | AlertOf<'no-logs', 'low', { lastLogDate: IsoDate | null; daysSince: number | null }>;
export type AlertKind = Alert['kind'];
/** An alert as patient_alert_state stores it: with whether a clinician acknowledged it at its level. */
export type StoredAlert = Alert & { acknowledged: boolean };

export const ADHERENCE_WINDOW_DAYS = 14;
// Thresholds are compared with a little slack so a value that is exactly on the line
// in decimal (a 30% rise, 50% adherence) is not pushed over it by binary rounding.
const EPSILON = 1e-9;
const exceeds = (value: number, limit: number) => value > limit + EPSILON;
const below = (value: number, limit: number) => value < limit - EPSILON;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** What every rule may look at: the input, the day, the thresholds and the day's load measures. */
type Context = { input: AlertInput; asOf: IsoDate; t: AlertThresholds; load: LoadMetrics; lastWeekKm: number };

function redFlagAlert({ input }: Context): Alert | null {
  const signs = input.warningSigns;
  if (!signs) return null;
  return {
    kind: 'red-flag',
    severity: TIER_SEVERITY[signs.tier],
    message: `${TIER_GUIDE[signs.tier].clinicLabel}: ${byUrgency(signs.flags).map(symptomLabel).join('; ')} (last reported for ${dayMonth(signs.lastReportDate)})`,
    evidence: signs,
    // Closed only with an action, never by a generic acknowledgement: the level is not compared.
    level: Number.MAX_SAFE_INTEGER,
  };
}

function painWorseAlert({ input, asOf, t }: Context): Alert | null {
  if (input.baselineDate === null) return null;
  const mcid = { minPoints: t.painWorseMinPoints, pct: t.painWorsePct };
  const { baseline, current, change, clinicallyWorse } = painChange(input.pain, input.baselineDate, asOf, mcid);
  if (!clinicallyWorse || baseline === null || current === null || change === null) return null;
  return {
    kind: 'pain-worse',
    severity: 'high',
    message: `Pain ${current.toFixed(1)} vs baseline ${baseline.toFixed(1)} (+${change.toFixed(1)})`,
    evidence: { baseline, current, change },
    level: change,
  };
}

/**
 * Two sessions "too much" in 7 days by the pain-monitoring rule: high, like clinically
 * worse pain (it is the patient's pain answering the load), below any warning sign.
 */
function loadNotToleratedAlert({ input, asOf, t }: Context): Alert | null {
  if (!input.monitored?.length) return null;
  const tooMuch = loadNotTolerated(input.monitored, input.pain, asOf, { painDuringMax: t.painDuringMax, weeklyRisePoints: t.weeklyRisePoints });
  if (!tooMuch) return null;
  const described = tooMuch.map(({ session, tolerance }) => `${dayMonth(session.date)}: ${tolerance.reasons.map((r) => reasonText(r, session, tolerance.weeklyPain)).join(', ')}`);
  return {
    kind: 'load-not-tolerated',
    severity: 'high',
    message: `Load not tolerated: ${tooMuch.length} sessions too much in 7 days (${described.join('; ')})`,
    evidence: { sessions: tooMuch.map(({ session, tolerance }) => ({ date: session.date, reasons: tolerance.reasons })) },
    level: tooMuch.length,
  };
}

/** EWMA is the preferred ratio; the rolling one stands in when EWMA has no answer. */
function preferredAcwr(m: LoadMetrics) {
  if (m.ewmaAcwr !== null && m.ewmaAcute !== null && m.ewmaChronic !== null) {
    return { acwr: m.ewmaAcwr, method: 'ewma' as const, acute: m.ewmaAcute, chronic: m.ewmaChronic };
  }
  return m.acwr === null ? null : { acwr: m.acwr, method: 'rolling' as const, acute: m.acute, chronic: m.chronic };
}

function acwrSpikeAlert({ load, t }: Context): Alert | null {
  const evidence = preferredAcwr(load);
  if (evidence === null || !exceeds(evidence.acwr, t.acwrSpike)) return null;
  return {
    kind: 'acwr-spike',
    // Medium, like the distance jump: the ratio describes a change in load; it does not
    // predict injury (Impellizzeri et al. 2020), so it never ranks with clinically worse pain.
    severity: 'medium',
    message: `Load spike: acute:chronic ${evidence.acwr.toFixed(2)} (${evidence.method === 'ewma' ? 'EWMA' : 'rolling'})`,
    evidence,
    level: evidence.acwr,
  };
}

function distanceSpikeAlert({ input, load, lastWeekKm, t }: Context): Alert | null {
  const { weeklyDistanceKm: thisWeekKm, weeklyDistanceChangePct: changePct } = load;
  if (changePct === null || !exceeds(changePct, t.weeklyDistanceRedPct)) return null;
  const unit = input.distanceUnit ?? 'km';
  const shown = (km: number) => `${fromKm(km, unit).toFixed(1)} ${unit}`;
  return {
    kind: 'distance-spike',
    severity: 'medium',
    message: `Running distance up ${Math.round(changePct)}% (${shown(thisWeekKm)} vs ${shown(lastWeekKm)})`,
    evidence: { thisWeekKm, lastWeekKm, changePct },
    level: changePct,
  };
}

/**
 * Adherence over the alert's window (the 14 days up to asOf) by the one definition in
 * lib/analytics/adherence.ts; the number the patients table shows and sorts by.
 */
export function alertAdherence(input: AlertInput, asOf: IsoDate): Adherence {
  const from = addDays(asOf, -(ADHERENCE_WINDOW_DAYS - 1));
  if (input.adherence) return adherence(input.adherence.items, input.adherence.completions, from, asOf);
  if (!(input.prescribedPerWeek > 0)) return adherence([], [], from, asOf);
  // Without per-item data: the program as one exercise from its start (no start: the whole window).
  const program: AdherenceItem = { id: 'program', sessionsPerWeek: input.prescribedPerWeek, from: input.programStart ?? from, to: null };
  return adherence([program], input.completions.map((c) => ({ itemId: 'program', date: c.date })), from, asOf);
}

function lowAdherenceAlert({ input, asOf, t }: Context): Alert | null {
  const a = alertAdherence(input, asOf);
  // Too early (fewer than MIN_ADHERENCE_DAYS program days) or nothing prescribed: no figure, no alert.
  if (a.pct === null || !below(a.pct, t.adherenceLowPct)) return null;
  const adherencePct = a.pct;
  const least = a.perItem.length > 1 ? a.perItem.reduce((min, i) => (i.ratio < min.ratio ? i : min)) : null;
  const leastText = least ? `; least done: ${least.title ?? 'one exercise'}, ${round1(least.counted)} of ${round1(least.prescribed)}` : '';
  return {
    kind: 'low-adherence',
    severity: 'medium',
    message: `Adherence ${Math.round(adherencePct)}% over ${a.days} days (${round1(a.completed)} of ${round1(a.prescribed)} doses${leastText})`,
    evidence: {
      completed: round1(a.completed),
      prescribed: round1(a.prescribed),
      adherencePct,
      ...(input.adherence && {
        perItem: a.perItem.map((i) => ({ id: i.id, ...(i.title !== undefined && { title: i.title }), completed: round1(i.counted), prescribed: round1(i.prescribed), pct: i.ratio * 100 })),
      }),
    },
    level: 100 - adherencePct,
  };
}

/**
 * The patient's last activity on or before asOf: the latest day with a pain report, a
 * training session or an exercise tick (a patient who only ticks exercises is active).
 */
export function lastActivity(logs: { pain: readonly { date: string }[]; sessions: readonly { date: string }[]; completions: readonly { date: string }[] }, asOf: IsoDate): IsoDate | null {
  let last: IsoDate | null = null;
  for (const list of [logs.pain, logs.sessions, logs.completions]) {
    for (const { date } of list) if (isIsoDate(date) && date <= asOf && (last === null || date > last)) last = date;
  }
  return last;
}

function noLogsAlert({ input, asOf, t }: Context): Alert | null {
  const lastLogDate = input.lastActivityDate !== undefined ? input.lastActivityDate : lastActivity(input, asOf);
  const daysSince = lastLogDate === null ? null : daysBetween(lastLogDate, asOf);
  // A log on any of the last inactivityDays days (asOf - (n-1)..asOf) keeps the patient active.
  if (daysSince !== null && daysSince < t.inactivityDays) return null;
  return {
    kind: 'no-logs',
    severity: 'low',
    message: lastLogDate === null ? 'Nothing logged or ticked yet' : `No log or tick for ${daysSince} days (last ${dayMonth(lastLogDate)})`,
    evidence: { lastLogDate, daysSince },
    level: daysSince ?? 999,
  };
}

/** Defaults overlaid with the practice's settings; an undefined setting keeps its default. */
function resolveThresholds(overrides: Partial<AlertThresholds> | undefined): AlertThresholds {
  const t = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(t) as (keyof AlertThresholds)[]) {
    const value = overrides?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) t[key] = value;
  }
  return t;
}

const RULES = [redFlagAlert, painWorseAlert, loadNotToleratedAlert, acwrSpikeAlert, distanceSpikeAlert, lowAdherenceAlert, noLogsAlert];

/** Every alert that applies on `asOf`: by severity, then by level (worse first). */
export function patientAlerts(input: AlertInput, asOf: IsoDate): Alert[] {
  // One pass over the load history serves both asOf and the day a week earlier (last week's km).
  const series = metricsSeries(input.sessions, addDays(asOf, -7), asOf);
  const [weekAgo, today] = [series[0], series.at(-1)];
  if (!weekAgo || !today) throw new RangeError(`patientAlerts: not a calendar day: ${asOf}`);
  const { date: _date, ...load } = today;
  const context: Context = { input, asOf, t: resolveThresholds(input.thresholds), load, lastWeekKm: weekAgo.weeklyDistanceKm };
  return RULES.map((rule) => rule(context))
    .filter((alert): alert is Alert => alert !== null)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.level - a.level);
}

/**
 * Whether an open acknowledgement covers this alert: the same kind, and the alert no worse
 * than when it was acknowledged (a worse value brings it back). Warning signs are never
 * acknowledged this way: they stay open until closed with an action.
 * (1e-6: acknowledgements stored as float4 before migration 0006 lost digits past the 7th.)
 */
export function isAcknowledged(alert: Pick<Alert, 'kind' | 'level'>, acks: readonly { kind: string; level: number }[]): boolean {
  return alert.kind !== 'red-flag' && acks.some((ack) => ack.kind === alert.kind && alert.level <= ack.level + 1e-6);
}
