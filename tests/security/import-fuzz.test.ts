// Fuzzing the activity-file parsers: random bytes, and valid FIT/GPX/TCX files (plain and
// gzipped) with bytes flipped, cut short or spliced. Whatever arrives, the answer is a list
// of activities or a message: never a throw, never NaN in a number that would be stored.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseActivityFile, type ParsedFile } from '@/lib/import/parse-file';
import { fitFile, gpxFile, gz, tcxFile } from '../helpers/activity-files';
import { mutate, mutation } from '../helpers/byte-mutations';

const LIMIT = 4 * 1024 * 1024;
const start = new Date('2026-11-20T07:00:00Z');
const text = (s: string) => new TextEncoder().encode(s);
const VALID: [string, Uint8Array][] = [
  ['run.fit', fitFile({ start, points: 40, timerSec: 39, elapsedSec: 45, distanceM: 120, avgHr: 140 })],
  ['records.fit', fitFile({ start, points: 40, session: false, hr: 150 })],
  ['run.gpx', text(gpxFile({ start, points: 40, hr: 150, segments: 2, ele: (i) => i }))],
  ['ride.tcx', text(tcxFile({ start, points: 40, sport: 'Biking', timerSec: 39, distanceM: 200, avgHr: 120 }))],
];
VALID.push(...VALID.map(([name, bytes]): [string, Uint8Array] => [`${name}.gz`, gz(bytes)]));

function wellFormed(result: ParsedFile): void {
  if (!result.ok) {
    expect(typeof result.message).toBe('string');
    expect(result.message.length).toBeGreaterThan(3);
    return;
  }
  for (const a of result.activities) {
    expect(Number.isFinite(a.startedAt.getTime())).toBe(true);
    for (const n of [a.movingSec, a.elapsedSec, a.distanceM, a.elevationGainM, a.avgHeartRate]) if (n !== null) expect(Number.isFinite(n)).toBe(true);
  }
}

describe('activity file parsers under fuzzing', () => {
  it('random bytes (with and without a FIT, gzip or XML start) give a message, never a throw', () => {
    const prefixes = [new Uint8Array(), new Uint8Array([0x0e, 0x10, 0xd9, 0x07, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54]), new Uint8Array([0x1f, 0x8b]), text('<?xml version="1.0"?><gpx>'), text('<TrainingCenterDatabase>')];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 2048 }), (prefix, tail) => {
        wellFormed(parseActivityFile('random.fit', new Uint8Array([...prefix, ...tail]), LIMIT));
      }),
      { numRuns: 300 },
    );
  });

  it('valid files with bytes flipped, cut short or spliced give activities or a message, never a throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 4 }), ([name, bytes], mutations) => {
        wellFormed(parseActivityFile(name, mutate(bytes, mutations), LIMIT));
      }),
      { numRuns: 300 },
    );
  });

  it('random XML-ish text inside a GPX envelope gives activities or a message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (inner) => {
        wellFormed(parseActivityFile('x.gpx', text(`<?xml version="1.0"?><gpx><trk><trkseg>${inner}</trkseg></trk></gpx>`), LIMIT));
      }),
      { numRuns: 200 },
    );
  });
});
