// Activity files made by the tests themselves: FIT with the Garmin FIT SDK's encoder, GPX and
// TCX as text, Strava-style ZIPs with fflate. Positions walk north from a start point so the
// distance along the track is known (1e-5 degrees of latitude is about 1.11 m).
import { Encoder, Profile, type ActivityMesg, type FileIdMesg, type RecordMesg, type SessionMesg } from '@garmin/fitsdk';
import { gzipSync, zipSync } from 'fflate';

export type TrackSpec = {
  start: Date;
  /** Seconds between points. */
  stepSec?: number;
  points: number;
  /** Degrees of latitude per point (0: standing still / no GPS movement). */
  latStep?: number;
  /** Positions recorded (false: treadmill). */
  gps?: boolean;
  /** A pause: after this point index, the clock jumps by pauseSec. */
  pauseAfter?: number;
  pauseSec?: number;
  hr?: number;
  /** Elevation per point index. */
  ele?: (i: number) => number;
};

export type TrackPointOut = { time: Date; lat: number | null; lon: number | null; ele: number | null; hr: number | null };

export function trackPoints(spec: TrackSpec): TrackPointOut[] {
  const step = spec.stepSec ?? 1;
  const out: TrackPointOut[] = [];
  let t = spec.start.getTime();
  for (let i = 0; i < spec.points; i++) {
    out.push({
      time: new Date(t),
      lat: spec.gps === false ? null : 51.5 + i * (spec.latStep ?? 0.00003),
      lon: spec.gps === false ? null : -0.12,
      ele: spec.ele ? spec.ele(i) : null,
      hr: spec.hr ?? null,
    });
    t += step * 1000;
    if (spec.pauseAfter === i) t += (spec.pauseSec ?? 0) * 1000;
  }
  return out;
}

export type FitSpec = TrackSpec & {
  sport?: string;
  subSport?: string;
  /** Session totals; omitted fields are left out of the session message. */
  timerSec?: number;
  elapsedSec?: number;
  distanceM?: number;
  ascentM?: number;
  avgHr?: number;
  /** false: records only, no session message. */
  session?: boolean;
  fileType?: string;
};

const DEG_TO_SEMICIRCLE = 2 ** 31 / 180;

/** The SDK types its message numbers as possibly undefined; these four always exist. */
function mesgNum(name: 'FILE_ID' | 'RECORD' | 'SESSION' | 'ACTIVITY'): number {
  const n = Profile.MesgNum[name];
  if (n === undefined) throw new Error(`FIT profile has no ${name}`);
  return n;
}

export function fitFile(spec: FitSpec): Uint8Array {
  const encoder = new Encoder();
  const fileId: FileIdMesg = { manufacturer: 'development', product: 1, timeCreated: spec.start, type: (spec.fileType ?? 'activity') as FileIdMesg['type'] };
  encoder.onMesg(mesgNum('FILE_ID'), fileId);
  const points = trackPoints(spec);
  let distance = 0;
  points.forEach((p, i) => {
    if (i > 0 && p.lat !== null) distance += (spec.latStep ?? 0.00003) * 111_195;
    const record: RecordMesg = {
      timestamp: p.time,
      ...(p.lat !== null && { positionLat: Math.round(p.lat * DEG_TO_SEMICIRCLE), positionLong: Math.round((p.lon ?? 0) * DEG_TO_SEMICIRCLE) }),
      ...(p.ele !== null && { altitude: p.ele }),
      ...(p.hr !== null && { heartRate: p.hr }),
      ...(p.lat !== null && { distance }),
    };
    encoder.onMesg(mesgNum('RECORD'), record);
  });
  const last = points.at(-1)?.time ?? spec.start;
  if (spec.session !== false) {
    const session: SessionMesg = {
      timestamp: last, startTime: spec.start, sport: (spec.sport ?? 'running') as SessionMesg['sport'], subSport: (spec.subSport ?? 'generic') as SessionMesg['subSport'],
      ...(spec.elapsedSec !== undefined && { totalElapsedTime: spec.elapsedSec }),
      ...(spec.timerSec !== undefined && { totalTimerTime: spec.timerSec }),
      ...(spec.distanceM !== undefined && { totalDistance: spec.distanceM }),
      ...(spec.ascentM !== undefined && { totalAscent: spec.ascentM }),
      ...(spec.avgHr !== undefined && { avgHeartRate: spec.avgHr }),
    };
    encoder.onMesg(mesgNum('SESSION'), session);
    const activity: ActivityMesg = { timestamp: last, numSessions: 1, type: 'manual' };
    encoder.onMesg(mesgNum('ACTIVITY'), activity);
  }
  return encoder.close();
}

const iso = (d: Date) => d.toISOString();

export function gpxFile(spec: TrackSpec & { type?: string; name?: string; segments?: number }): string {
  const points = trackPoints(spec);
  const per = Math.ceil(points.length / (spec.segments ?? 1));
  const segs: TrackPointOut[][] = [];
  for (let i = 0; i < points.length; i += per) segs.push(points.slice(i, i + per));
  const pt = (p: TrackPointOut) =>
    `<trkpt lat="${p.lat ?? 0}" lon="${p.lon ?? 0}">${p.ele !== null ? `<ele>${p.ele}</ele>` : ''}<time>${iso(p.time)}</time>${p.hr !== null ? `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${p.hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>` : ''}</trkpt>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="loadline-tests" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><time>${iso(spec.start)}</time></metadata>
 <trk><name>${spec.name ?? 'Morning Run'}</name><type>${spec.type ?? 'running'}</type>
${segs.map((s) => `  <trkseg>${s.map(pt).join('')}</trkseg>`).join('\n')}
 </trk>
</gpx>`;
}

export function tcxFile(spec: TrackSpec & { sport?: string; timerSec?: number; distanceM?: number; avgHr?: number }): string {
  const points = trackPoints(spec);
  const tp = (p: TrackPointOut) =>
    `<Trackpoint><Time>${iso(p.time)}</Time>${p.lat !== null ? `<Position><LatitudeDegrees>${p.lat}</LatitudeDegrees><LongitudeDegrees>${p.lon}</LongitudeDegrees></Position>` : ''}${p.ele !== null ? `<AltitudeMeters>${p.ele}</AltitudeMeters>` : ''}${p.hr !== null ? `<HeartRateBpm><Value>${p.hr}</Value></HeartRateBpm>` : ''}</Trackpoint>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities><Activity Sport="${spec.sport ?? 'Running'}"><Id>${iso(spec.start)}</Id>
  <Lap StartTime="${iso(spec.start)}">${spec.timerSec !== undefined ? `<TotalTimeSeconds>${spec.timerSec}</TotalTimeSeconds>` : ''}${spec.distanceM !== undefined ? `<DistanceMeters>${spec.distanceM}</DistanceMeters>` : ''}${spec.avgHr !== undefined ? `<AverageHeartRateBpm><Value>${spec.avgHr}</Value></AverageHeartRateBpm>` : ''}
   <Track>${points.map(tp).join('')}</Track>
  </Lap>
 </Activity></Activities>
</TrainingCenterDatabase>`;
}

export const gz = (data: Uint8Array | string) => gzipSync(typeof data === 'string' ? new TextEncoder().encode(data) : data);

/** A Strava-style export: activities/<id>.<ext> plus activities.csv with names and types. */
export function stravaZip(activities: { id: number; file: string; data: Uint8Array | string; name: string; type: string }[], extra: Record<string, Uint8Array> = {}): Uint8Array {
  const csv = ['Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename']
    .concat(activities.map((a) => `${a.id},"Dec 1, 2026, 7:00:00 AM","${a.name.replace(/"/g, '""')}",${a.type},,1800,5.0,${a.file}`))
    .join('\n');
  const files: Record<string, Uint8Array> = { 'activities.csv': new TextEncoder().encode(csv), ...extra };
  for (const a of activities) files[a.file] = typeof a.data === 'string' ? new TextEncoder().encode(a.data) : a.data;
  return zipSync(files);
}
