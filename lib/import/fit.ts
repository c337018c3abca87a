// FIT files (Garmin, Coros, Wahoo, Suunto…), decoded with the official Garmin FIT SDK.
// One activity per session message; a file without sessions is summarised from its records.
import { Decoder, Stream } from '@garmin/fitsdk';
import { mapSport } from './sport';
import { TrackSummer, type TrackSummary } from './track';
import { ImportFileError, type ParsedActivity } from './types';

const SEMICIRCLE_TO_DEG = 180 / 2 ** 31;

export const looksLikeFit = (bytes: Uint8Array) => bytes.length >= 12 && bytes[8] === 0x2e && bytes[9] === 0x46 && bytes[10] === 0x49 && bytes[11] === 0x54; // ".FIT"

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const date = (v: unknown): Date | null => (v instanceof Date && Number.isFinite(v.getTime()) ? v : null);
const word = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

export function parseFit(bytes: Uint8Array): ParsedActivity[] {
  const stream = Stream.fromByteArray(bytes);
  const decoder = new Decoder(stream);
  if (!decoder.isFIT()) throw new ImportFileError('is not a FIT file.');
  // Size and CRC: a truncated download or a damaged file fails here rather than half-decoding.
  if (!decoder.checkIntegrity()) throw new ImportFileError('looks damaged or incomplete (its FIT checksum or length is wrong). Try exporting it again.');
  // Without component expansion and heart-rate merging decoding is about five times faster;
  // every field read here is a plain field (altitude, not the expanded enhancedAltitude, is enough).
  const { messages, errors } = decoder.read({ expandComponents: false, expandSubFields: false, mergeHeartRates: false, decodeMemoGlobs: false, includeUnknownData: false });
  if (errors.length) throw new ImportFileError('could not be read as a FIT activity (it looks damaged).');
  const fileType = word(messages.fileIdMesgs?.[0]?.type);
  if (fileType && fileType !== 'activity') throw new ImportFileError(`is a FIT ${fileType} file, not a recorded activity.`);

  const records = messages.recordMesgs ?? [];
  // Summarised straight from the SDK's record messages, only when a total is missing.
  const summariseRecords = (): TrackSummary => {
    const summer = new TrackSummer();
    for (const r of records) {
      const lat = num(r.positionLat);
      const lon = num(r.positionLong);
      summer.add(date(r.timestamp)?.getTime() ?? null, lat === null ? null : lat * SEMICIRCLE_TO_DEG, lon === null ? null : lon * SEMICIRCLE_TO_DEG, num(r.enhancedAltitude) ?? num(r.altitude), num(r.heartRate));
    }
    return summer.summary();
  };
  const sport = messages.sportMesgs?.[0];

  const sessions = messages.sessionMesgs ?? [];
  if (sessions.length === 0) {
    if (records.length === 0) throw new ImportFileError('has no activity in it (no session and no recorded points).');
    const track = summariseRecords();
    if (!track.startedAt) throw new ImportFileError('has no start time.');
    let lastDistance: number | null = null;
    for (let i = records.length - 1; i >= 0 && lastDistance === null; i--) lastDistance = num(records[i]!.distance);
    return [
      {
        startedAt: track.startedAt, activity: mapSport(word(sport?.subSport), word(sport?.sport)), sportLabel: word(sport?.sport) ?? 'unknown',
        movingSec: track.movingSec || track.elapsedSec, elapsedSec: track.elapsedSec, distanceM: lastDistance ?? track.distanceM,
        elevationGainM: track.elevationGainM, avgHeartRate: track.avgHeartRate, name: word(sport?.name),
      },
    ];
  }
  let track: TrackSummary | null = null;
  const trackOnce = () => (track ??= summariseRecords());
  return sessions.map((s) => {
    const startedAt = date(s.startTime) ?? date(s.timestamp) ?? trackOnce().startedAt;
    if (!startedAt) throw new ImportFileError('has no start time.');
    const elapsedSec = num(s.totalElapsedTime) ?? trackOnce().elapsedSec;
    const movingSec = num(s.totalTimerTime) ?? num(s.totalMovingTime) ?? elapsedSec;
    const deviceDistance = num(s.totalDistance);
    return {
      startedAt,
      activity: mapSport(word(s.subSport), word(s.sport)),
      sportLabel: [word(s.sport), word(s.subSport)].filter((w) => w && w !== 'generic').join('/') || 'unknown',
      movingSec,
      elapsedSec,
      distanceM: deviceDistance !== null && deviceDistance > 0 ? deviceDistance : sessions.length === 1 ? trackOnce().distanceM : null,
      elevationGainM: num(s.totalAscent) ?? (sessions.length === 1 ? trackOnce().elevationGainM : null),
      avgHeartRate: num(s.avgHeartRate) ?? (sessions.length === 1 ? trackOnce().avgHeartRate : null),
      name: word(sport?.name),
    };
  });
}
