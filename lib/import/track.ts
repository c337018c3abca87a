// Numbers measured along a recorded track, for files without the device's own totals
// (GPX always, TCX and FIT sometimes). Distance uses geolib's great-circle distance.
//
// The track is summarised point by point as the file is read (TrackSummer): no list of
// points is built, so the memory a file needs does not grow with its length (a 24-hour run
// at one point a second is 86,400 points).
import { getDistance } from 'geolib';

/** A gap longer than this between two points is a pause (auto-pause or a stop), not moving time. */
export const PAUSE_GAP_SEC = 60;
/** Slower than this between two points with positions is standing still. */
export const STILL_SPEED_M_PER_S = 0.3;
/** Climbs smaller than this are treated as GPS and barometer noise. */
export const CLIMB_NOISE_M = 3;

export type TrackSummary = { startedAt: Date | null; elapsedSec: number; movingSec: number; distanceM: number | null; elevationGainM: number | null; avgHeartRate: number | null };

const validLatLon = (lat: number | null, lon: number | null): boolean => lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/** Total climb, counting a rise only once it is CLIMB_NOISE_M above the lowest point since the last counted rise. */
class ClimbCounter {
  gain = 0;
  count = 0;
  private base = 0;

  add(ele: number): void {
    if (this.count++ === 0) this.base = ele;
    if (ele - this.base >= CLIMB_NOISE_M) {
      this.gain += ele - this.base;
      this.base = ele;
    } else if (ele < this.base) this.base = ele;
  }
}

export function elevationGain(elevations: readonly number[]): number {
  const climb = new ClimbCounter();
  for (const ele of elevations) climb.add(ele);
  return climb.gain;
}

/**
 * Summarise segments of points (a GPX trkseg or a TCX Track; a new segment is a pause), one
 * point at a time: elapsed from the first to the last timestamp, moving time summed over
 * intervals that are neither long gaps nor standing still, distance along positions within
 * each segment.
 */
export class TrackSummer {
  private first: number | null = null;
  private last: number | null = null;
  private movingSec = 0;
  private distanceM = 0;
  private anyPositions = false;
  private hrSum = 0;
  private hrCount = 0;
  private readonly climb = new ClimbCounter();
  /** The previous point of the current segment (none at a segment's start). */
  private inSegment = false;
  private prevTime: number | null = null;
  private prevLat: number | null = null;
  private prevLon: number | null = null;

  /** A point; `timeMs` is epoch milliseconds (NaN or null: no time). */
  add(timeMs: number | null, lat: number | null, lon: number | null, ele: number | null, hr: number | null): void {
    const t = timeMs !== null && Number.isFinite(timeMs) ? timeMs : null;
    if (t !== null) {
      if (this.first === null || t < this.first) this.first = t;
      if (this.last === null || t > this.last) this.last = t;
    }
    if (ele !== null && Number.isFinite(ele)) this.climb.add(ele);
    if (hr !== null && hr > 0 && hr < 260) {
      this.hrSum += hr;
      this.hrCount += 1;
    }
    const positioned = validLatLon(lat, lon);
    if (this.inSegment) {
      const dt = this.prevTime !== null && t !== null ? (t - this.prevTime) / 1000 : null;
      const dm = positioned && validLatLon(this.prevLat, this.prevLon) ? getDistance({ latitude: this.prevLat!, longitude: this.prevLon! }, { latitude: lat!, longitude: lon! }, 0.01) : null;
      if (dm !== null) {
        this.anyPositions = true;
        this.distanceM += dm;
      }
      if (dt !== null && dt > 0 && dt <= PAUSE_GAP_SEC && (dm === null || dm / dt >= STILL_SPEED_M_PER_S)) this.movingSec += dt;
    }
    this.inSegment = true;
    this.prevTime = t;
    this.prevLat = lat;
    this.prevLon = lon;
  }

  /** The next point starts a new segment (no distance or moving time across the gap). */
  endSegment(): void {
    this.inSegment = false;
  }

  summary(): TrackSummary {
    return {
      startedAt: this.first !== null ? new Date(this.first) : null,
      elapsedSec: this.first !== null && this.last !== null ? (this.last - this.first) / 1000 : 0,
      movingSec: this.movingSec,
      distanceM: this.anyPositions ? this.distanceM : null,
      elevationGainM: this.climb.count > 1 ? this.climb.gain : null,
      avgHeartRate: this.hrCount ? Math.round(this.hrSum / this.hrCount) : null,
    };
  }
}
