// A parsed activity placed on the practice's calendar and checked against what a training
// log entry may hold (the same rules as typed sessions: not in the future, within the last
// year, 1 second to 24 hours, at most 1000 km).
import { daysBetween, localDate, type IsoDate } from '@/lib/dates';
import type { Activity, ParsedActivity } from './types';

export type ImportCandidate = {
  startedAt: Date;
  localDate: IsoDate;
  activity: Activity;
  sportLabel: string;
  /** Moving time in minutes: what session-RPE load multiplies (docs/clinical.md). */
  durationMin: number;
  elapsedMin: number;
  distanceKm: number | null;
  elevationGainM: number | null;
  avgHeartRate: number | null;
  name: string | null;
};

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

export function toCandidate(a: ParsedActivity, timeZone: string, today: IsoDate): { ok: true; candidate: ImportCandidate } | { ok: false; message: string } {
  const day = localDate(a.startedAt, timeZone);
  if (day > today) return { ok: false, message: `is dated in the future (${day}), so it was not imported. Check the device's clock.` };
  if (daysBetween(day, today) > 366) return { ok: false, message: `is from ${day}, more than a year ago: the training log covers the last year.` };
  const durationMin = round(a.movingSec / 60, 2);
  const elapsedMin = round(Math.max(a.elapsedSec, a.movingSec) / 60, 2);
  if (!(durationMin > 0)) return { ok: false, message: 'has no moving time recorded.' };
  if (durationMin > 1440) return { ok: false, message: 'lasts more than 24 hours, which a training session cannot.' };
  const distanceKm = a.distanceM !== null && a.distanceM > 0 ? round(a.distanceM / 1000, 3) : null;
  if (distanceKm !== null && distanceKm > 1000) return { ok: false, message: 'records more than 1000 km, which a training session cannot.' };
  return {
    ok: true,
    candidate: {
      startedAt: a.startedAt, localDate: day, activity: a.activity, sportLabel: a.sportLabel.slice(0, 60), durationMin, elapsedMin: Math.min(elapsedMin, 10_000), distanceKm,
      elevationGainM: a.elevationGainM !== null && a.elevationGainM >= 0 && a.elevationGainM < 20_000 ? Math.round(a.elevationGainM) : null,
      avgHeartRate: a.avgHeartRate !== null && a.avgHeartRate > 20 && a.avgHeartRate < 260 ? Math.round(a.avgHeartRate) : null,
      name: a.name ? a.name.slice(0, 200) : null,
    },
  };
}
