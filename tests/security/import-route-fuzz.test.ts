// Fuzzing the upload route itself (app/api/imports/route.ts), called as Next.js calls it: a
// signed-in patient sends random bytes, or valid FIT/GPX/TCX files and a Strava-style ZIP
// with bytes flipped, cut short or spliced, in chunks of random sizes, then asks for the file
// to be read. Whatever arrives: never a 500 or a throw, never the route's "failed on our side"
// line, a report whose every refusal names the file and says why, and exactly as many new rows
// as the report says were imported (none from a refused file).
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/imports/route';
import { trainingSessions } from '@/db/schema';
import type { ImportReport } from '@/lib/data/run-imports';
import { addDays, localDate } from '@/lib/dates';
import { fitFile, gpxFile, gz, stravaZip, tcxFile } from '../helpers/activity-files';
import { mutate, mutation } from '../helpers/byte-mutations';
import { setupTestDb } from '../helpers/db';
import { createPatientAccount, createPractice } from '../helpers/factories';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();
const ORIGIN = 'http://localhost:3000';
const text = (s: string) => new TextEncoder().encode(s);
/** Noon UTC `days` ago: within the year the training log covers, never in the future. */
const daysAgo = (days: number) => new Date(`${addDays(localDate(new Date(), 'Europe/London'), -days)}T11:00:00Z`);

const VALID: [string, Uint8Array][] = [
  ['run.fit', fitFile({ start: daysAgo(20), points: 40, timerSec: 1200, elapsedSec: 1260, distanceM: 3000, avgHr: 140 })],
  ['records.fit', fitFile({ start: daysAgo(21), points: 600, session: false, hr: 150 })],
  ['run.gpx', text(gpxFile({ start: daysAgo(22), points: 300, hr: 150, segments: 2, ele: (i) => i % 20 }))],
  ['ride.tcx', text(tcxFile({ start: daysAgo(23), points: 300, sport: 'Biking', timerSec: 299, distanceM: 2000, avgHr: 120 }))],
  ['export.zip', stravaZip([
    { id: 1, file: 'activities/1.fit.gz', data: gz(fitFile({ start: daysAgo(24), points: 30, timerSec: 1500, elapsedSec: 1500, distanceM: 4000 })), name: 'Tempo', type: 'Run' },
    { id: 2, file: 'activities/2.gpx', data: gpxFile({ start: daysAgo(25), points: 200 }), name: 'Easy', type: 'Run' },
  ])],
];
VALID.push(...VALID.filter(([name]) => !name.endsWith('.zip')).map(([name, bytes]): [string, Uint8Array] => [`${name}.gz`, gz(bytes)]));

/** The bytes cut at these (sorted, deduplicated) offsets: the chunks a browser would send. */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => (bytes.length ? c % bytes.length : 0)))].filter((c) => c > 0).sort((a, b) => a - b);
  const edges = [0, ...at, bytes.length];
  const out = edges.slice(1).map((end, i) => bytes.subarray(edges[i], end));
  return out.length ? out : [bytes];
}

const post = (query: Record<string, string>, body?: Uint8Array) =>
  POST(
    new NextRequest(`${ORIGIN}/api/imports?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { origin: ORIGIN, host: 'localhost:3000', 'sec-fetch-site': 'same-origin', ...(body ? { 'content-length': String(body.length) } : {}) },
      // A copy in its own ArrayBuffer: what fetch sends (a view may share a larger buffer).
      body: body ? new Uint8Array(body) : undefined,
    }),
  );

type Line = { type: 'progress' | 'saving' } | { type: 'report'; report: ImportReport } | { type: 'error'; message: string };

/** Upload `bytes` as `name` in these chunks, then finish; the finish answer's JSON lines. */
async function upload(name: string, chunks: Uint8Array[]): Promise<Line[]> {
  const id = randomUUID();
  let offset = 0;
  for (const chunk of chunks) {
    const res = await post({ step: 'chunk', upload: id, offset: String(offset) }, chunk);
    expect(res.status, `chunk at ${offset}`).toBe(200);
    offset += chunk.length;
  }
  const res = await post({ step: 'finish', upload: id, name });
  expect(res.status).toBe(200);
  return (await res.text()).trim().split('\n').map((line) => JSON.parse(line) as Line);
}

let patientId = '';
beforeAll(async () => {
  const practice = await createPractice();
  const { patient, user } = await createPatientAccount(practice.id);
  patientId = patient.id;
  signInAs(user);
});

const rowCount = async () => (await testDb.db.select({ id: trainingSessions.id }).from(trainingSessions).where(eq(trainingSessions.patientId, patientId))).length;

/** The answer to one upload is a report (never the route's own failure) that accounts for every new row. */
async function expectAccounted(name: string, chunks: Uint8Array[], mustRefuse: boolean): Promise<void> {
  const before = await rowCount();
  const lines = await upload(name, chunks);
  expect(lines.filter((l) => l.type === 'error')).toEqual([]);
  const last = lines.at(-1);
  if (last?.type !== 'report') throw new Error(`the upload ended without a report: ${JSON.stringify(lines.slice(-2))}`);
  const { report } = last;
  expect(report.outcomes.length).toBeGreaterThan(0);
  for (const outcome of report.outcomes) {
    expect(outcome.message.startsWith(outcome.file)).toBe(true);
    if (outcome.status === 'refused') expect(outcome.message.length).toBeGreaterThan(outcome.file.length + 10);
  }
  if (mustRefuse) expect(report).toMatchObject({ imported: 0 });
  expect(await rowCount()).toBe(before + report.imported);
}

describe('the upload route under fuzzing', () => {
  it('the unmutated files import through the route, and again are "already imported" (so the fuzzing below is not refusing everything)', async () => {
    for (const [name, bytes] of VALID.filter(([n]) => !n.endsWith('.gz'))) {
      const lines = await upload(name, chunked(bytes, [Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3)]));
      const last = lines.at(-1);
      expect(last, name).toMatchObject({ type: 'report', report: { imported: name.endsWith('.zip') ? 2 : 1, refused: 0 } });
    }
    expect(await rowCount()).toBe(6);
    const again = await upload('run.fit.gz', [gz(VALID[0]![1])]);
    expect(again.at(-1)).toMatchObject({ type: 'report', report: { imported: 0, alreadyImported: 1 } });
    expect(await rowCount()).toBe(6);
  });

  it('random bytes (with and without a FIT, gzip, XML or ZIP start) in random chunks: a message per file, no rows, no 500', async () => {
    const prefixes = [new Uint8Array(), new Uint8Array([0x0e, 0x10, 0xd9, 0x07, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54]), new Uint8Array([0x1f, 0x8b]), new Uint8Array([0x50, 0x4b, 0x03, 0x04]), text('<?xml version="1.0"?><gpx>')];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom('a.fit', 'b.gpx', 'c.tcx', 'd.zip', 'e.fit.gz'), async (prefix, tail, cuts, name) => {
        const bytes = new Uint8Array([...prefix, ...tail]);
        await expectAccounted(name, chunked(bytes, cuts), true);
      }),
      { numRuns: 40 },
    );
  });

  it('valid files and a Strava ZIP with bytes flipped, cut short or spliced, in random chunks: stored whole or refused with a message, no 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 4 }), async ([name, bytes], mutations, cuts) => {
        const mutated = mutate(bytes, mutations);
        // Cut to nothing: the route refuses an empty chunk list differently (no chunk at all), so send one byte.
        await expectAccounted(name, chunked(mutated.length ? mutated : new Uint8Array([0]), cuts), false);
      }),
      { numRuns: 60 },
    );
  });

  it('chunks out of order or an unknown upload: a 409 or a message, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 10_000 }), fc.uint8Array({ minLength: 1, maxLength: 256 }), async (offset, bytes) => {
        const id = randomUUID();
        const res = await post({ step: 'chunk', upload: id, offset: String(offset + 1) }, bytes);
        expect(res.status).toBe(409);
        const finish = await post({ step: 'finish', upload: id, name: 'never-sent.fit' });
        expect(finish.status).toBe(200);
        const lines = (await finish.text()).trim().split('\n').map((l) => JSON.parse(l) as Line);
        expect(lines.at(-1)).toMatchObject({ type: 'report', report: { imported: 0, refused: 1 } });
      }),
      { numRuns: 20 },
    );
  });
});
