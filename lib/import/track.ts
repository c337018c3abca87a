// Numbers measured along a recorded track, for files without the device's own totals
// (GPX always, TCX and FIT sometimes). Distance uses geolib's great-circle distance.
import { getDistance } from 'geolib';

export type TrackPoint = { time: Date | null; lat: number | null; lon: number | null; ele: number | null; hr: number | null };

/** A gap longer than this between two points is a pause (auto-pause or a stop), not moving time. */
export const PAUSE_GAP_SEC = 60;
/** Slower than this between two points with positions is standing still. */
export const STILL_SPEED_M_PER_S = 0.3;
/** Climbs smaller than this are treated as GPS and barometer noise. */
export const CLIMB_NOISE_M = 3;

export type TrackSummary = { startedAt: Date | null; elapsedSec: number; movingSec: number; distanceM: number | null; elevationGainM: number | null; avgHeartRate: number | null };

const validLatLon = (p: TrackPoint) => p.lat !== null && p.lon !== null && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;

/**
 * Summarise segments of points (a GPX trkseg or a TCX Track; a new segment is a pause):
 * elapsed from the first to the last timestamp, moving time summed over intervals that are
 * neither long gaps nor standing still, distance along positions within each segment.
 */
export function summariseTrack(segments: readonly (readonly TrackPoint[])[]): TrackSummary {
  let first: Date | null = null;
  let last: Date | null = null;
  let movingSec = 0;
  let distanceM = 0;
  let anyPositions = false;
  let hrSum = 0;
  let hrWeight = 0;
  const elevations: number[] = [];
  for (const segment of segments) {
    let prev: TrackPoint | null = null;
    for (const point of segment) {
      const t = point.time && Number.isFinite(point.time.getTime()) ? point.time : null;
      if (t) {
        if (!first || t < first) first = t;
        if (!last || t > last) last = t;
      }
      if (point.ele !== null && Number.isFinite(point.ele)) elevations.push(point.ele);
      if (point.hr !== null && point.hr > 0 && point.hr < 260) {
        hrSum += point.hr;
        hrWeight += 1;
      }
      if (prev) {
        const dt = prev.time && t ? (t.getTime() - prev.time.getTime()) / 1000 : null;
        const dm = validLatLon(prev) && validLatLon(point) ? getDistance({ latitude: prev.lat!, longitude: prev.lon! }, { latitude: point.lat!, longitude: point.lon! }, 0.01) : null;
        if (dm !== null) {
          anyPositions = true;
          distanceM += dm;
        }
        if (dt !== null && dt > 0 && dt <= PAUSE_GAP_SEC && (dm === null || dm / dt >= STILL_SPEED_M_PER_S)) movingSec += dt;
      }
      prev = { ...point, time: t };
    }
  }
  const elapsedSec = first && last ? (last.getTime() - first.getTime()) / 1000 : 0;
  return {
    startedAt: first,
    elapsedSec,
    movingSec,
    distanceM: anyPositions ? distanceM : null,
    elevationGainM: elevations.length > 1 ? elevationGain(elevations) : null,
    avgHeartRate: hrWeight ? Math.round(hrSum / hrWeight) : null,
  };
}

/** Total climb, counting a rise only once it is CLIMB_NOISE_M above the lowest point since the last counted rise. */
export function elevationGain(elevations: readonly number[]): number {
  let gain = 0;
  let base = elevations[0] ?? 0;
  for (const ele of elevations) {
    if (ele - base >= CLIMB_NOISE_M) {
      gain += ele - base;
      base = ele;
    } else if (ele < base) base = ele;
  }
  return gain;
}
