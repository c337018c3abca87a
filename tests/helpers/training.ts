// Training sessions for the pure load and alert analytics: load = minutes × RPE (AU).
import type { Session } from '@/lib/analytics/load';
import { dateRange } from '@/lib/dates';

/** One strength session without distance, unless `extra` says otherwise. */
export const session = (date: string, durationMin: number, rpe: number, extra: Partial<Session> = {}): Session => ({
  date,
  durationMin,
  rpe,
  activity: 'strength',
  distanceKm: null,
  ...extra,
});

/** The same load on every day from..to. */
export const everyDay = (from: string, to: string, durationMin: number, rpe: number) => dateRange(from, to).map((d) => session(d, durationMin, rpe));
