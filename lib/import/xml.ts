// GPX and TCX files, parsed with fast-xml-parser. Entities are never expanded: a file that
// declares a document type (the only place entities come from) is refused before parsing,
// and entity processing is off, so "billion laughs" style expansion cannot happen.
import { XMLParser } from 'fast-xml-parser';
import { mapSport } from './sport';
import { summariseTrack, type TrackPoint } from './track';
import { ImportFileError, type ParsedActivity } from './types';

const ARRAYS = new Set(['trk', 'trkseg', 'trkpt', 'Activity', 'Lap', 'Track', 'Trackpoint']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);
const child = (n: unknown, key: string): unknown => (isNode(n) ? n[key] : undefined);
const list = (n: unknown, key: string): Node[] => {
  const v = child(n, key);
  return Array.isArray(v) ? v.filter(isNode) : isNode(v) ? [v] : [];
};
/** A text value: a plain string, or the text of an element that also has attributes. */
const text = (v: unknown): string | null => (typeof v === 'string' ? v.trim() : isNode(v) && typeof v['#text'] === 'string' ? v['#text'].trim() : null);
const number = (v: unknown): number | null => {
  const t = text(v);
  if (t === null || t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
};
const time = (v: unknown): Date | null => {
  const t = text(v);
  if (!t) return null;
  const d = new Date(t);
  return Number.isFinite(d.getTime()) ? d : null;
};

export function looksLikeXml(head: string): 'gpx' | 'tcx' | 'xml' | null {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<')) return null;
  if (/<gpx[\s>]/.test(head)) return 'gpx';
  if (/<TrainingCenterDatabase[\s>]/.test(head)) return 'tcx';
  return 'xml';
}

function parseXml(source: string): Node {
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) throw new ImportFileError('declares XML entities or a document type, which activity files never do, so it was not read.');
  let doc: unknown;
  try {
    doc = parser.parse(source, true);
  } catch {
    throw new ImportFileError('is not well-formed XML (it may be damaged or cut short).');
  }
  if (!isNode(doc)) throw new ImportFileError('is empty.');
  return doc;
}

const hrOf = (n: unknown) => number(child(child(child(n, 'extensions'), 'TrackPointExtension'), 'hr')) ?? number(child(child(n, 'extensions'), 'hr'));

export function parseGpx(source: string): ParsedActivity[] {
  const gpx = child(parseXml(source), 'gpx');
  if (!isNode(gpx)) throw new ImportFileError('is not a GPX file.');
  const tracks = list(gpx, 'trk');
  const activities = tracks.map((trk): ParsedActivity | null => {
    const segments = list(trk, 'trkseg').map((seg) =>
      list(seg, 'trkpt').map((p): TrackPoint => ({ time: time(p.time), lat: number(p['@lat']), lon: number(p['@lon']), ele: number(p.ele), hr: hrOf(p) })),
    );
    const summary = summariseTrack(segments);
    if (!summary.startedAt) return null;
    const type = text(trk.type);
    return {
      startedAt: summary.startedAt, activity: mapSport(type), sportLabel: type ?? 'unknown', movingSec: summary.movingSec, elapsedSec: summary.elapsedSec,
      distanceM: summary.distanceM, elevationGainM: summary.elevationGainM, avgHeartRate: summary.avgHeartRate, name: text(trk.name),
    };
  });
  const found = activities.filter((a): a is ParsedActivity => a !== null);
  if (found.length === 0) throw new ImportFileError(tracks.length ? 'has a track without times, so it cannot be placed on a day.' : 'has no recorded track in it (a route or waypoints only?).');
  return found;
}

export function parseTcx(source: string): ParsedActivity[] {
  const tcx = child(parseXml(source), 'TrainingCenterDatabase');
  if (!isNode(tcx)) throw new ImportFileError('is not a TCX file.');
  const activities = list(child(tcx, 'Activities'), 'Activity');
  if (activities.length === 0) throw new ImportFileError('has no activity in it.');
  return activities.map((a) => {
    const laps = list(a, 'Lap');
    const segments = laps.flatMap((lap) => list(lap, 'Track').map((track) => list(track, 'Trackpoint').map((p): TrackPoint => ({
      time: time(p.Time),
      lat: number(child(p.Position, 'LatitudeDegrees')),
      lon: number(child(p.Position, 'LongitudeDegrees')),
      ele: number(p.AltitudeMeters),
      hr: number(child(p.HeartRateBpm, 'Value')),
    }))));
    const summary = summariseTrack(segments);
    const startedAt = time(a.Id) ?? time(laps[0]?.['@StartTime']) ?? summary.startedAt;
    if (!startedAt) throw new ImportFileError('has no start time.');
    // The device's own totals: timer time and distance summed over laps, heart rate weighted by lap time.
    const lapSeconds = laps.map((l) => number(l.TotalTimeSeconds));
    const lapMetres = laps.map((l) => number(l.DistanceMeters));
    const timer = lapSeconds.every((s) => s !== null) && laps.length ? lapSeconds.reduce((x: number, s) => x + (s ?? 0), 0) : null;
    const metres = lapMetres.every((m) => m !== null) && laps.length ? lapMetres.reduce((x: number, m) => x + (m ?? 0), 0) : null;
    let hrSum = 0;
    let hrTime = 0;
    laps.forEach((l, i) => {
      const hr = number(child(l.AverageHeartRateBpm, 'Value'));
      const s = lapSeconds[i];
      if (hr !== null && s) {
        hrSum += hr * s;
        hrTime += s;
      }
    });
    const lastTime = summary.startedAt ? summary.startedAt.getTime() + summary.elapsedSec * 1000 : null;
    const elapsedSec = lastTime !== null ? Math.max(summary.elapsedSec, (lastTime - startedAt.getTime()) / 1000) : (timer ?? 0);
    const sport = text(a['@Sport']);
    return {
      startedAt, activity: mapSport(sport), sportLabel: sport ?? 'unknown', movingSec: timer ?? summary.movingSec, elapsedSec: Math.max(elapsedSec, timer ?? 0),
      distanceM: metres !== null && metres > 0 ? metres : summary.distanceM, elevationGainM: summary.elevationGainM,
      avgHeartRate: hrTime ? Math.round(hrSum / hrTime) : summary.avgHeartRate, name: text(a.Notes),
    };
  });
}
