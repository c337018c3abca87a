// GPX and TCX files, read as a stream of elements with htmlparser2 (in XML mode): each track
// point goes straight into a TrackSummer and is dropped, so no document tree is built and a
// long track needs no more memory than a short one. The file is first checked to be
// well-formed with fast-xml-parser's validator (a truncated or damaged file is refused, as a
// tree-building parser would). Entities are never expanded: a file that declares a document
// type (the only place entities come from) is refused before reading; only XML's five
// predefined entities and character references are decoded.
import { XMLValidator } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import { mapSport } from './sport';
import { TrackSummer } from './track';
import { ImportFileError, type ParsedActivity } from './types';

/** Deeper nesting than any GPX or TCX file has: refused, as a hostile file. */
const MAX_DEPTH = 64;
const NOT_WELL_FORMED = 'is not well-formed XML (it may be damaged or cut short).';

export function looksLikeXml(head: string): 'gpx' | 'tcx' | 'xml' | null {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<')) return null;
  if (/<gpx[\s>]/.test(head)) return 'gpx';
  if (/<TrainingCenterDatabase[\s>]/.test(head)) return 'tcx';
  return 'xml';
}

/** An element's or attribute's name without its namespace prefix (gpxtpx:hr → hr). */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const attribute = (attrs: Record<string, string>, name: string): string | null => {
  for (const [key, value] of Object.entries(attrs)) if (localName(key) === name) return value.trim();
  return null;
};
const number = (t: string | null): number | null => {
  if (t === null || t.trim() === '') return null;
  const n = Number(t.trim());
  return Number.isFinite(n) ? n : null;
};
const epochMs = (t: string | null): number | null => {
  if (!t || !t.trim()) return null;
  const ms = Date.parse(t.trim());
  return Number.isFinite(ms) ? ms : null;
};

/**
 * Walk a document's elements in order. `path` is the local names from the root to the
 * element; `close` gets the element's own text (meaningful for leaf elements, which is all
 * GPX and TCX keep values in).
 */
type Walker = {
  open?: (path: readonly string[], attrs: Record<string, string>) => void;
  close: (path: readonly string[], text: string) => void;
};

function walkXml(source: string, walker: Walker): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) throw new ImportFileError('declares XML entities or a document type, which activity files never do, so it was not read.');
  if (XMLValidator.validate(source) !== true) throw new ImportFileError(NOT_WELL_FORMED);
  const path: string[] = [];
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        path.push(localName(name));
        if (path.length > MAX_DEPTH) throw new ImportFileError(NOT_WELL_FORMED);
        text = '';
        walker.open?.(path, attrs);
      },
      ontext(data) {
        text += data;
      },
      onclosetag() {
        walker.close(path, text);
        text = '';
        path.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(source);
}

type PointFields = { time: number | null; lat: number | null; lon: number | null; ele: number | null; hr: number | null; extensionHr: number | null };
const newPoint = (lat: number | null, lon: number | null): PointFields => ({ time: null, lat, lon, ele: null, hr: null, extensionHr: null });

export function parseGpx(source: string): ParsedActivity[] {
  type Track = { name: string | null; type: string | null; summer: TrackSummer };
  const tracks: Track[] = [];
  let isGpx = false;
  let point: PointFields | null = null;
  const current = () => tracks.at(-1);
  walkXml(source, {
    open(path, attrs) {
      if (path.length === 1) isGpx = path[0] === 'gpx';
      if (!isGpx) return;
      if (path.length === 2 && path[1] === 'trk') tracks.push({ name: null, type: null, summer: new TrackSummer() });
      else if (path.length === 4 && path[1] === 'trk' && path[2] === 'trkseg' && path[3] === 'trkpt') point = newPoint(number(attribute(attrs, 'lat')), number(attribute(attrs, 'lon')));
    },
    close(path, text) {
      const track = current();
      if (!isGpx || !track || path[1] !== 'trk') return;
      const name = path.at(-1);
      if (path.length === 3) {
        if (name === 'name') track.name ??= text.trim();
        else if (name === 'type') track.type ??= text.trim();
        else if (name === 'trkseg') track.summer.endSegment();
      } else if (point && path[2] === 'trkseg' && path[3] === 'trkpt') {
        if (path.length === 4) {
          // Heart rate from Garmin's TrackPointExtension, else a plain <hr> in the extensions.
          track.summer.add(point.time, point.lat, point.lon, point.ele, point.extensionHr ?? point.hr);
          point = null;
        } else if (path.length === 5 && name === 'ele') point.ele = number(text);
        else if (path.length === 5 && name === 'time') point.time = epochMs(text);
        else if (path[4] === 'extensions' && name === 'hr') {
          if (path.length === 6) point.hr = number(text);
          else if (path.length === 7 && path[5] === 'TrackPointExtension') point.extensionHr = number(text);
        }
      }
    },
  });
  if (!isGpx) throw new ImportFileError('is not a GPX file.');
  const found = tracks.flatMap((trk): ParsedActivity[] => {
    const summary = trk.summer.summary();
    if (!summary.startedAt) return [];
    return [{
      startedAt: summary.startedAt, activity: mapSport(trk.type), sportLabel: trk.type ?? 'unknown', movingSec: summary.movingSec, elapsedSec: summary.elapsedSec,
      distanceM: summary.distanceM, elevationGainM: summary.elevationGainM, avgHeartRate: summary.avgHeartRate, name: trk.name,
    }];
  });
  if (found.length === 0) throw new ImportFileError(tracks.length ? 'has a track without times, so it cannot be placed on a day.' : 'has no recorded track in it (a route or waypoints only?).');
  return found;
}

type Lap = { startTime: number | null; seconds: number | null; metres: number | null; avgHeartRate: number | null };

export function parseTcx(source: string): ParsedActivity[] {
  type Activity = { sport: string | null; id: number | null; notes: string | null; laps: Lap[]; summer: TrackSummer };
  const activities: Activity[] = [];
  let isTcx = false;
  let point: PointFields | null = null;
  // Paths below an Activity: TrainingCenterDatabase › Activities › Activity › Lap › Track › Trackpoint.
  const inActivity = (path: readonly string[]) => path[1] === 'Activities' && path[2] === 'Activity';
  walkXml(source, {
    open(path, attrs) {
      if (path.length === 1) isTcx = path[0] === 'TrainingCenterDatabase';
      if (!isTcx || !inActivity(path)) return;
      const activity = activities.at(-1);
      if (path.length === 3) activities.push({ sport: attribute(attrs, 'Sport'), id: null, notes: null, laps: [], summer: new TrackSummer() });
      else if (activity && path.length === 4 && path[3] === 'Lap') activity.laps.push({ startTime: epochMs(attribute(attrs, 'StartTime')), seconds: null, metres: null, avgHeartRate: null });
      else if (path.length === 6 && path[3] === 'Lap' && path[4] === 'Track' && path[5] === 'Trackpoint') point = newPoint(null, null);
    },
    close(path, text) {
      const activity = activities.at(-1);
      if (!isTcx || !activity || !inActivity(path)) return;
      const name = path.at(-1);
      if (path.length === 4) {
        if (name === 'Id') activity.id ??= epochMs(text);
        else if (name === 'Notes') activity.notes ??= text.trim();
        return;
      }
      if (path[3] !== 'Lap') return;
      const lap = activity.laps.at(-1);
      if (!lap) return;
      if (path.length === 5) {
        if (name === 'TotalTimeSeconds') lap.seconds = number(text);
        else if (name === 'DistanceMeters') lap.metres = number(text);
        else if (name === 'Track') activity.summer.endSegment();
      } else if (path.length === 6 && path[4] === 'AverageHeartRateBpm' && name === 'Value') lap.avgHeartRate = number(text);
      else if (point && path[4] === 'Track' && path[5] === 'Trackpoint') {
        if (path.length === 6) {
          activity.summer.add(point.time, point.lat, point.lon, point.ele, point.hr);
          point = null;
        } else if (path.length === 7 && name === 'Time') point.time = epochMs(text);
        else if (path.length === 7 && name === 'AltitudeMeters') point.ele = number(text);
        else if (path.length === 8 && path[6] === 'Position' && name === 'LatitudeDegrees') point.lat = number(text);
        else if (path.length === 8 && path[6] === 'Position' && name === 'LongitudeDegrees') point.lon = number(text);
        else if (path.length === 8 && path[6] === 'HeartRateBpm' && name === 'Value') point.hr = number(text);
      }
    },
  });
  if (!isTcx) throw new ImportFileError('is not a TCX file.');
  if (activities.length === 0) throw new ImportFileError('has no activity in it.');
  return activities.map((a) => {
    const summary = a.summer.summary();
    const lapStart = a.laps[0]?.startTime ?? null;
    const startedAt = a.id !== null ? new Date(a.id) : lapStart !== null ? new Date(lapStart) : summary.startedAt;
    if (!startedAt) throw new ImportFileError('has no start time.');
    // The device's own totals: timer time and distance summed over laps, heart rate weighted by lap time.
    const { laps } = a;
    const timer = laps.length && laps.every((l) => l.seconds !== null) ? laps.reduce((x, l) => x + (l.seconds ?? 0), 0) : null;
    const metres = laps.length && laps.every((l) => l.metres !== null) ? laps.reduce((x, l) => x + (l.metres ?? 0), 0) : null;
    let hrSum = 0;
    let hrTime = 0;
    for (const l of laps) {
      if (l.avgHeartRate !== null && l.seconds) {
        hrSum += l.avgHeartRate * l.seconds;
        hrTime += l.seconds;
      }
    }
    const lastTime = summary.startedAt ? summary.startedAt.getTime() + summary.elapsedSec * 1000 : null;
    const elapsedSec = lastTime !== null ? Math.max(summary.elapsedSec, (lastTime - startedAt.getTime()) / 1000) : (timer ?? 0);
    return {
      startedAt, activity: mapSport(a.sport), sportLabel: a.sport ?? 'unknown', movingSec: timer ?? summary.movingSec, elapsedSec: Math.max(elapsedSec, timer ?? 0),
      distanceM: metres !== null && metres > 0 ? metres : summary.distanceM, elevationGainM: summary.elevationGainM,
      avgHeartRate: hrTime ? Math.round(hrSum / hrTime) : summary.avgHeartRate, name: a.notes,
    };
  });
}
