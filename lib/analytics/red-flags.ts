// Warning signs (red flags): which tier a pain report raises, what it does to the patient's
// open warning-sign alert, who must be told and by when the practice's leads are told if
// nobody acts. Pure: callers pass the report, the neighbouring days and the clock.
import { addDays, formatPerZone, type IsoDate } from '@/lib/dates';
import { highestTier, redFlagsOf, TIER_RANK, type RedFlagTier } from '@/lib/validation/symptoms';

export type Triage = { tier: RedFlagTier; flags: string[] };

/**
 * The warning signs in one report: its ticked red-flag symptoms, plus "severe pain on two
 * days running" when its score reaches the practice's severe score and another report
 * on the day before or after does too (daily pain is the day's highest score). Judged
 * whatever day the report describes: a backdated report counts like any other.
 */
export function triageReport(
  report: { date: IsoDate; score: number; symptoms: readonly string[] },
  neighbours: readonly { date: IsoDate; score: number }[],
  severePainScore: number,
): Triage | null {
  const flags: string[] = redFlagsOf(report.symptoms);
  const adjacent = new Set([addDays(report.date, -1), addDays(report.date, 1)]);
  if (report.score >= severePainScore && neighbours.some((n) => adjacent.has(n.date) && n.score >= severePainScore)) {
    flags.push('severe-pain-two-days');
  }
  const tier = highestTier(flags);
  return tier === null ? null : { tier, flags };
}

export type OpenSafetyAlert = { tier: RedFlagTier; flags: readonly string[] };

/**
 * What a new warning sign does. With no open alert (none yet, or the last one was closed
 * before this report was entered) it opens one; a higher tier raises the open one; anything
 * else is added to it. An open alert never loses a flag or drops a tier.
 */
export type SafetyStep =
  | { kind: 'open'; tier: RedFlagTier; flags: string[] }
  | { kind: 'raise'; tier: RedFlagTier; from: RedFlagTier; flags: string[]; newFlags: string[] }
  | { kind: 'add'; tier: RedFlagTier; flags: string[]; newFlags: string[] };

export function safetyStep(open: OpenSafetyAlert | null, triage: Triage): SafetyStep {
  if (open === null) return { kind: 'open', tier: triage.tier, flags: [...triage.flags] };
  const flags = [...new Set([...open.flags, ...triage.flags])];
  const newFlags = triage.flags.filter((f) => !open.flags.includes(f));
  if (TIER_RANK[triage.tier] > TIER_RANK[open.tier]) return { kind: 'raise', tier: triage.tier, from: open.tier, flags, newFlags };
  return { kind: 'add', tier: open.tier, flags, newFlags };
}

/** Emergency and same-day signs are emailed at once; review-tier ones wait on the dashboard. */
export const notifiesAtOnce = (tier: RedFlagTier) => tier !== 'review';

/** Whether this step tells someone now: a new or raised alert at a tier that notifies. */
export const stepNotifies = (step: SafetyStep) => step.kind !== 'add' && notifiesAtOnce(step.tier);

export type EscalationSettings = { escalateEmergencyMinutes: number; escalateSameDayWorkingDays: number };

const DAY_MS = 86_400_000;
const offsetFormat = formatPerZone('en-US', { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
/** The zone's offset from UTC at this instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const part = Object.fromEntries(offsetFormat(timeZone).formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(part.year ?? 0, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}
const isWeekday = (date: IsoDate) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};

/**
 * When the practice's clinical leads and safety inbox are told if nobody has closed the
 * alert: emergency after the practice's minutes (default 120); same day after its working
 * days (default 1): the same local clock time on the next Monday–Friday day in the
 * practice's calendar (a Friday afternoon sign escalates on Monday afternoon, across a
 * clock change too). Review: never. `localDay` is the practice-local date of `from`.
 */
export function escalationDeadline(from: Date, localDay: IsoDate, tier: RedFlagTier, settings: EscalationSettings, timeZone: string): Date | null {
  if (tier === 'emergency') return new Date(from.getTime() + settings.escalateEmergencyMinutes * 60_000);
  if (tier === 'review') return null;
  let day = localDay;
  let days = 0;
  for (let counted = 0; counted < settings.escalateSameDayWorkingDays; ) {
    day = addDays(day, 1);
    days += 1;
    if (isWeekday(day)) counted += 1;
  }
  const naive = new Date(from.getTime() + days * DAY_MS);
  return new Date(naive.getTime() + zoneOffsetMs(from, timeZone) - zoneOffsetMs(naive, timeZone));
}
