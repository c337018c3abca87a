import { describe, expect, it } from 'vitest';
import { toCandidate } from '@/lib/import/candidate';
import { findSameSession, isSameSession } from '@/lib/import/duplicates';
import { parseActivityFile, type ParsedFile } from '@/lib/import/parse-file';
import { mapSport } from '@/lib/import/sport';
import { elevationGain } from '@/lib/import/track';
import type { ParsedActivity } from '@/lib/import/types';
import { fitFile, gpxFile, gz, tcxFile } from '../helpers/activity-files';

const MB = 1024 * 1024;
const start = new Date('2026-11-20T07:00:00Z');
const parse = (name: string, data: Uint8Array | string, limit = 64 * MB): ParsedFile => parseActivityFile(name, typeof data === 'string' ? new TextEncoder().encode(data) : data, limit);
function only(file: ParsedFile): ParsedActivity {
  if (!file.ok) throw new Error(`expected a parsed file, got: ${file.message}`);
  expect(file.activities).toHaveLength(1);
  return file.activities[0]!;
}
const message = (file: ParsedFile) => (file.ok ? null : file.message);

describe('FIT (encoded with the Garmin FIT SDK, decoded with it)', () => {
  it('takes the device totals from the session: timer time is moving time, elapsed includes the pause', () => {
    const a = only(parse('run.fit', fitFile({ start, points: 600, pauseAfter: 300, pauseSec: 120, timerSec: 599, elapsedSec: 719, distanceM: 1800, ascentM: 25, avgHr: 148 })));
    expect(a).toMatchObject({ activity: 'run', movingSec: 599, elapsedSec: 719, distanceM: 1800, elevationGainM: 25, avgHeartRate: 148 });
    expect(a.startedAt.toISOString()).toBe(start.toISOString());
  });

  it.each([
    ['running', 'generic', 'run'], ['running', 'trail', 'run'], ['running', 'treadmill', 'run'], ['cycling', 'road', 'cycle'], ['cycling', 'indoorCycling', 'cycle'],
    ['walking', 'generic', 'walk'], ['hiking', 'generic', 'walk'], ['swimming', 'lapSwimming', 'swim'], ['training', 'strengthTraining', 'strength'],
    ['training', 'generic', 'other'], ['rowing', 'generic', 'other'], ['eBiking', 'generic', 'cycle'],
  ])('maps sport %s / sub-sport %s to %s', (sport, subSport, activity) => {
    expect(only(parse('a.fit', fitFile({ start, points: 30, sport, subSport, timerSec: 29, elapsedSec: 29 }))).activity).toBe(activity);
  });

  it('a treadmill run without distance or positions has no distance (not zero)', () => {
    const a = only(parse('treadmill.fit', fitFile({ start, points: 120, gps: false, sport: 'running', subSport: 'treadmill', timerSec: 119, elapsedSec: 119 })));
    expect(a.distanceM).toBeNull();
    expect(a.movingSec).toBe(119);
  });

  it('without a device distance, measures the track (geolib)', () => {
    // 100 steps of 1e-4 degrees of latitude north: 100 × 11.12 m.
    const a = only(parse('no-total.fit', fitFile({ start, points: 101, latStep: 0.0001, timerSec: 100, elapsedSec: 100 })));
    expect(a.distanceM).toBeGreaterThan(1100);
    expect(a.distanceM).toBeLessThan(1125);
  });

  it('a file of records without a session is summarised from its points', () => {
    const a = only(parse('records.fit', fitFile({ start, points: 600, session: false, hr: 140, pauseAfter: 200, pauseSec: 300 })));
    expect(a.elapsedSec).toBe(899);
    // 599 one-second intervals, one of which is the 5-minute pause.
    expect(a.movingSec).toBe(598);
    expect(a.avgHeartRate).toBe(140);
  });

  it('a course or settings FIT file is not an activity', () => {
    expect(message(parse('course.fit', fitFile({ start, points: 10, fileType: 'course', session: false })))).toMatch(/not a recorded activity/);
  });

  it('a truncated or altered FIT file is refused with a message', () => {
    const bytes = fitFile({ start, points: 300, timerSec: 299, elapsedSec: 299 });
    expect(message(parse('cut.fit', bytes.subarray(0, Math.floor(bytes.length / 2))))).toMatch(/damaged or incomplete/);
    const altered = bytes.slice();
    altered[200] = altered[200]! ^ 0xff;
    expect(message(parse('altered.fit', altered))).toMatch(/damaged/);
  });
});

describe('GPX and TCX (fast-xml-parser)', () => {
  it('GPX: distance along the track, a new segment is a pause, a long gap is not moving, heart rate and climb', () => {
    const a = only(parse('run.gpx', gpxFile({ start, points: 601, latStep: 0.00003, hr: 150, segments: 2, pauseAfter: 300, pauseSec: 240, ele: (i) => (i < 300 ? i / 10 : 30 - (i - 300) / 10) })));
    expect(a.activity).toBe('run');
    expect(a.elapsedSec).toBe(840);
    expect(a.movingSec).toBeLessThanOrEqual(600);
    expect(a.movingSec).toBeGreaterThan(590);
    expect(a.distanceM).toBeGreaterThan(1950);
    expect(a.distanceM).toBeLessThan(2010);
    expect(a.avgHeartRate).toBe(150);
    expect(a.elevationGainM).toBeGreaterThanOrEqual(27);
    expect(a.elevationGainM).toBeLessThanOrEqual(30);
    expect(a.name).toBe('Morning Run');
  });

  it('GPX: standing still with the recording on is not moving time', () => {
    const a = only(parse('still.gpx', gpxFile({ start, points: 301, latStep: 0 })));
    expect(a.elapsedSec).toBe(300);
    expect(a.movingSec).toBe(0);
  });

  it.each([['running', 'run'], ['Ride', 'cycle'], ['hiking', 'walk'], ['9', 'run'], ['1', 'cycle'], ['kayaking', 'other']])('GPX type %s is %s', (type, activity) => {
    expect(only(parse('a.gpx', gpxFile({ start, points: 20, type }))).activity).toBe(activity);
  });

  it('TCX: lap timer time and distance are the device totals, heart rate from the lap', () => {
    const a = only(parse('ride.tcx', tcxFile({ start, points: 400, sport: 'Biking', timerSec: 380, distanceM: 3000, avgHr: 131, pauseAfter: 100, pauseSec: 60 })));
    expect(a).toMatchObject({ activity: 'cycle', movingSec: 380, distanceM: 3000, avgHeartRate: 131 });
    expect(a.elapsedSec).toBe(459);
  });

  it('TCX without lap totals measures the track', () => {
    const a = only(parse('run.tcx', tcxFile({ start, points: 101, latStep: 0.0001, hr: 160 })));
    expect(a.distanceM).toBeGreaterThan(1100);
    expect(a.avgHeartRate).toBe(160);
  });

  it('refuses entity declarations before parsing (billion laughs)', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><gpx><trk><name>&lol2;</name></trk></gpx>`;
    expect(message(parse('lol.gpx', laughs))).toMatch(/entities/);
  });

  it('reads a 24-hour track at one point a second point by point (no tree of 86,400 points)', () => {
    const a = only(parse('ultra.gpx', gpxFile({ start, points: 86_400, latStep: 0.00002, hr: 120, name: 'Day &amp; night' })));
    expect(a.elapsedSec).toBe(86_399);
    expect(a.movingSec).toBe(86_399);
    expect(a.distanceM).toBeGreaterThan(190_000);
    expect(a.avgHeartRate).toBe(120);
    // XML's own five entities are decoded; declared ones are refused (above).
    expect(a.name).toBe('Day & night');
  });

  it('refuses nesting deeper than any GPX or TCX has', () => {
    const deep = `<?xml version="1.0"?><gpx>${'<a>'.repeat(100)}${'</a>'.repeat(100)}<trk/></gpx>`;
    expect(message(parse('deep.gpx', deep))).toMatch(/well-formed/);
  });

  it('a GPX with a route only, broken XML, or XML of another kind gets its own message', () => {
    expect(message(parse('route.gpx', '<?xml version="1.0"?><gpx><rte><rtept lat="1" lon="2"/></rte></gpx>'))).toMatch(/no recorded track/);
    expect(message(parse('cut.gpx', gpxFile({ start, points: 50 }).slice(0, 400)))).toMatch(/well-formed|no recorded track|without times/);
    expect(message(parse('feed.gpx', '<?xml version="1.0"?><rss><channel/></rss>'))).toMatch(/neither GPX nor TCX/);
  });
});

describe('any file', () => {
  it('reads .gz the same as the file inside (same hash: the same file)', () => {
    const fit = fitFile({ start, points: 60, timerSec: 59, elapsedSec: 59 });
    const plain = parse('a.fit', fit);
    const packed = parse('a.fit.gz', gz(fit));
    expect(packed.ok && plain.ok && packed.hash === plain.hash).toBe(true);
    expect(only(packed).movingSec).toBe(59);
  });

  it('decides the format from the bytes: a GPX named .fit is read as GPX', () => {
    expect(only(parse('mislabelled.fit', gpxFile({ start, points: 30 }))).activity).toBe('run');
  });

  it('empty, an image, a PDF, a gzip bomb and random text each get a message', () => {
    expect(message(parse('empty.fit', new Uint8Array()))).toMatch(/empty/);
    expect(message(parse('photo.fit', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])))).toMatch(/PNG image/);
    expect(message(parse('doc.gpx', '%PDF-1.7 nothing'))).toMatch(/PDF/);
    expect(message(parse('bomb.fit.gz', gz(new Uint8Array(8 * MB)), 1 * MB))).toMatch(/inflates to more than 1 MB/);
    expect(message(parse('notes.tcx', 'just some words'))).toMatch(/not a FIT, GPX or TCX/);
    expect(message(parse('double.gz', gz(gz('x'))))).toMatch(/compressed twice/);
  });
});

describe('placing an activity on the practice calendar', () => {
  const today = '2026-12-01';
  const activity = (startedAt: string): ParsedActivity => ({ startedAt: new Date(startedAt), activity: 'run', sportLabel: 'running', movingSec: 1800, elapsedSec: 1900, distanceM: 5000, elevationGainM: 10, avgHeartRate: 150, name: null });
  const day = (startedAt: string, tz: string, on = today) => {
    const c = toCandidate(activity(startedAt), tz, on);
    return c.ok ? c.candidate.localDate : c.message;
  };

  it('counts a run on the day it started where the practice is', () => {
    expect(day('2026-11-20T23:30:00Z', 'Europe/London')).toBe('2026-11-20');
    expect(day('2026-11-20T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-21');
    expect(day('2026-11-20T03:30:00Z', 'America/New_York')).toBe('2026-11-19');
    expect(day('2026-11-20T14:30:00Z', 'Australia/Sydney')).toBe('2026-11-21');
  });

  it('daylight-saving days: the clocks change and the day stays right', () => {
    // London springs forward at 01:00 UTC on 29 March 2026 and falls back at 01:00 UTC on 25 October.
    expect(day('2026-03-28T23:30:00Z', 'Europe/London')).toBe('2026-03-28');
    expect(day('2026-03-29T23:30:00Z', 'Europe/London')).toBe('2026-03-30');
    expect(day('2026-10-24T23:30:00Z', 'Europe/London')).toBe('2026-10-25');
    expect(day('2026-10-25T23:30:00Z', 'Europe/London')).toBe('2026-10-25');
  });

  it('refuses a future date, a run from more than a year ago, no moving time and over 24 hours', () => {
    expect(day('2026-12-02T08:00:00Z', 'Europe/London')).toMatch(/future/);
    expect(day('2025-11-20T08:00:00Z', 'Europe/London')).toMatch(/more than a year ago/);
    expect(toCandidate({ ...activity('2026-11-20T08:00:00Z'), movingSec: 0 }, 'UTC', today)).toMatchObject({ ok: false, message: expect.stringMatching(/no moving time/) });
    expect(toCandidate({ ...activity('2026-11-20T08:00:00Z'), movingSec: 90_000 }, 'UTC', today)).toMatchObject({ ok: false, message: expect.stringMatching(/24 hours/) });
  });

  it('moving time is the duration; distance in km', () => {
    expect(toCandidate(activity('2026-11-20T08:00:00Z'), 'UTC', today)).toMatchObject({ ok: true, candidate: { durationMin: 30, elapsedMin: 31.67, distanceKm: 5 } });
  });
});

describe('duplicates', () => {
  const candidate = { startedAt: new Date('2026-11-20T07:00:00Z'), localDate: '2026-11-20', activity: 'run' as const, durationMin: 30, distanceKm: 5 };
  const typed = { id: 't', localDate: '2026-11-20', activity: 'run', durationMin: 31, distanceKm: 5.1, startedAt: null };

  it('a typed entry (a date only): same day, distance within 5% and duration close', () => {
    expect(isSameSession(candidate, typed)).toBe(true);
    expect(isSameSession(candidate, { ...typed, distanceKm: 5.4 })).toBe(false);
    expect(isSameSession(candidate, { ...typed, durationMin: 45 })).toBe(false);
    expect(isSameSession(candidate, { ...typed, localDate: '2026-11-21' })).toBe(false);
    expect(isSameSession(candidate, { ...typed, activity: 'cycle' })).toBe(false);
    expect(isSameSession(candidate, { ...typed, distanceKm: null })).toBe(false);
  });

  it('another import: start within 10 minutes and distance within 5%', () => {
    const imported = { ...typed, startedAt: new Date('2026-11-20T07:09:00Z'), durationMin: 10 };
    expect(isSameSession(candidate, imported)).toBe(true);
    expect(isSameSession(candidate, { ...imported, startedAt: new Date('2026-11-20T07:11:00Z') })).toBe(false);
    expect(findSameSession(candidate, [{ ...typed, localDate: '2026-11-19' }, imported])).toBe(imported);
  });
});

describe('sport words', () => {
  it('maps the most specific known word, else other', () => {
    expect(mapSport('Trail Run')).toBe('run');
    expect(mapSport('Weight Training')).toBe('strength');
    expect(mapSport(undefined, 'cycling')).toBe('cycle');
    expect(mapSport('Yoga')).toBe('other');
  });

  it('elevation gain ignores noise smaller than 3 m', () => {
    expect(elevationGain([10, 11, 10, 11, 10, 11])).toBe(0);
    expect(elevationGain([0, 5, 2, 8, 8])).toBe(11);
  });
});
