// Is an imported activity the same session as one already in the log? Pure.
//
// - Another import (a start time is known on both sides): same activity, starts within
//   10 minutes of each other and distances within 5% (or neither has a distance).
// - A typed entry (only a date is known): same activity, same local date, distances within 5%
//   when both have one (else no distance on either side), and durations within 10% or 5
//   minutes. A typed entry has no start time, so "start within 10 minutes" cannot be tested;
//   the same day with matching distance and duration is the closest honest stand-in.
import type { IsoDate } from '@/lib/dates';
import type { ImportCandidate } from './candidate';

export type LoggedSession = { id: string; localDate: IsoDate; activity: string; durationMin: number; distanceKm: number | null; startedAt: Date | null };

export const START_WINDOW_MIN = 10;
export const DISTANCE_TOLERANCE = 0.05;
export const DURATION_TOLERANCE = 0.1;
export const DURATION_SLACK_MIN = 5;

function distancesMatch(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= DISTANCE_TOLERANCE * Math.max(a, b);
}

export function isSameSession(c: Pick<ImportCandidate, 'startedAt' | 'localDate' | 'activity' | 'durationMin' | 'distanceKm'>, s: LoggedSession): boolean {
  if (c.activity !== s.activity) return false;
  if (s.startedAt) return Math.abs(c.startedAt.getTime() - s.startedAt.getTime()) <= START_WINDOW_MIN * 60_000 && distancesMatch(c.distanceKm, s.distanceKm);
  if (c.localDate !== s.localDate) return false;
  const durationClose = Math.abs(c.durationMin - s.durationMin) <= Math.max(DURATION_SLACK_MIN, DURATION_TOLERANCE * Math.max(c.durationMin, s.durationMin));
  return durationClose && distancesMatch(c.distanceKm, s.distanceKm);
}

export function findSameSession(c: Parameters<typeof isSameSession>[0], logged: readonly LoggedSession[]): LoggedSession | null {
  return logged.find((s) => isSameSession(c, s)) ?? null;
}
