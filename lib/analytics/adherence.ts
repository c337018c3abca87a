// Home-exercise adherence: the one definition every view uses (the low-adherence alert,
// the patients table through the stored alert state, the patient page's weekly chart).
// Pure: the caller passes the prescriptions, the ticks and the window; nothing here reads a clock.
//
// Per exercise (program item), never pooled: a stretch ticked every day must not hide a
// strength exercise that was skipped.
//   prescribed doses = sessionsPerWeek × (days the item was prescribed within the window) / 7
//   counted          = min(ticks of that item on those days, prescribed doses)   (capped: 100% at most)
//   item ratio       = counted / prescribed
//   pct              = mean of the item ratios × 100 (unweighted: each exercise counts the same)
// Too early: when the program (any item) was prescribed on fewer than MIN_ADHERENCE_DAYS
// days of the window, pct is null ("too early" / "—"), never 0%. The same rule for every
// view, so the alert, the table and the chart say "too early" on the same days.
import { addDays, daysBetween, isIsoDate, type IsoDate } from '@/lib/dates';

/** Fewer days than this with anything prescribed in the window: too early to say (pct null). */
export const MIN_ADHERENCE_DAYS = 7;

/** One prescribed exercise: prescribed on every day from..to (inclusive; to null = still prescribed). */
export type AdherenceItem = { id: string; sessionsPerWeek: number; from: IsoDate; to: IsoDate | null; title?: string };
/** Ticks of an item on a day (n defaults to 1). */
export type AdherenceCompletion = { itemId: string; date: string; n?: number };

export type ItemAdherence = {
  id: string;
  title?: string;
  /** Days of the window on which the item was prescribed. */
  days: number;
  prescribed: number;
  /** Ticks on those days, before the cap. */
  done: number;
  /** min(done, prescribed). */
  counted: number;
  /** counted / prescribed, 0..1. */
  ratio: number;
};

export type Adherence = {
  /** Mean of the item ratios × 100; null when nothing was prescribed or fewer than MIN_ADHERENCE_DAYS days. */
  pct: number | null;
  /** Days of the window on which at least one item was prescribed. */
  days: number;
  /** Sum of the items' counted ticks (capped). */
  completed: number;
  /** Sum of the items' prescribed doses. */
  prescribed: number;
  perItem: ItemAdherence[];
};

const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/**
 * The days a program item was prescribed, from its program's dates and when it was added
 * or removed (practice-local days). An item saved with the program (addedOn null) counts
 * from the program's start, even a backdated one; one added later from the day it was
 * added; a removed item up to the day before its removal (it no longer shows that day).
 */
export function programItemSpan(s: { programStart: IsoDate; programEnd: IsoDate | null; addedOn: IsoDate | null; removedOn: IsoDate | null }): { from: IsoDate; to: IsoDate | null } {
  const from = s.addedOn === null ? s.programStart : later(s.programStart, s.addedOn);
  let to = s.programEnd;
  if (s.removedOn !== null) {
    const lastDay = addDays(s.removedOn, -1);
    to = to === null ? lastDay : earlier(to, lastDay);
  }
  return { from, to };
}

/** Adherence over from..to (inclusive) of the given items, per item and on average. */
export function adherence(items: readonly AdherenceItem[], completions: readonly AdherenceCompletion[], from: IsoDate, to: IsoDate): Adherence {
  const ticks = new Map<string, { date: string; n: number }[]>();
  for (const c of completions) {
    // Ticks outside the window never count (cheap string test first: a chart asks week by week).
    if (c.date < from || c.date > to || !isIsoDate(c.date)) continue;
    const list = ticks.get(c.itemId) ?? [];
    list.push({ date: c.date, n: c.n ?? 1 });
    ticks.set(c.itemId, list);
  }
  const perItem: ItemAdherence[] = [];
  const spans: [IsoDate, IsoDate][] = [];
  for (const item of items) {
    if (!(item.sessionsPerWeek > 0)) continue;
    const start = later(from, item.from);
    const end = item.to === null ? to : earlier(to, item.to);
    const days = daysBetween(start, end) + 1;
    if (days <= 0) continue;
    spans.push([start, end]);
    const prescribed = (item.sessionsPerWeek * days) / 7;
    const done = (ticks.get(item.id) ?? []).reduce((sum, t) => (t.date >= start && t.date <= end ? sum + t.n : sum), 0);
    const counted = Math.min(done, prescribed);
    perItem.push({ id: item.id, ...(item.title !== undefined && { title: item.title }), days, prescribed, done, counted, ratio: counted / prescribed });
  }
  // Days with anything prescribed: the union of the items' spans.
  spans.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let days = 0;
  let reach: IsoDate | null = null;
  for (const [start, end] of spans) {
    if (reach === null || start > reach) {
      days += daysBetween(start, end) + 1;
      reach = end;
    } else if (end > reach) {
      days += daysBetween(reach, end);
      reach = end;
    }
  }
  const completed = perItem.reduce((sum, i) => sum + i.counted, 0);
  const prescribed = perItem.reduce((sum, i) => sum + i.prescribed, 0);
  const pct = perItem.length === 0 || days < MIN_ADHERENCE_DAYS ? null : (perItem.reduce((sum, i) => sum + i.ratio, 0) * 100) / perItem.length;
  return { pct, days, completed, prescribed, perItem };
}
