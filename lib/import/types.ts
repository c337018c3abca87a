// What an activity file yields once parsed: the derived numbers Loadline keeps (the file
// itself is never stored), before they are placed on a day and checked for duplicates.
import type { ACTIVITIES } from '@/lib/validation/vocabulary';

export type Activity = (typeof ACTIVITIES)[number];

export type ParsedActivity = {
  startedAt: Date;
  /** Loadline's activity vocabulary (lib/import/sport.ts). */
  activity: Activity;
  /** The file's own word for the sport, kept for the audit trail. */
  sportLabel: string;
  /** Time spent moving (the device's timer time when it has one), in seconds. */
  movingSec: number;
  /** From start to finish including pauses, in seconds. */
  elapsedSec: number;
  /** Device total where present, else measured along the track; null when neither exists. */
  distanceM: number | null;
  elevationGainM: number | null;
  avgHeartRate: number | null;
  /** A name from the file or from Strava's activities.csv. */
  name: string | null;
};

export type ParseResult = { ok: true; activities: ParsedActivity[] } | { ok: false; message: string };

/** A problem with one file, said in words a patient understands; nothing from that file is stored. */
export class ImportFileError extends Error {}
