import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { importLimits, type ImportLimits } from '@/lib/import/limits';
import { readUpload, type UploadRead } from '@/lib/import/read-upload';
import { fitFile, gpxFile, gz, stravaZip, tcxFile } from '../helpers/activity-files';

const dir = mkdtempSync(path.join(tmpdir(), 'import-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const start = new Date('2026-11-20T07:00:00Z');
const MB = 1024 * 1024;

async function read(name: string, bytes: Uint8Array, limits: Partial<ImportLimits> = {}): Promise<UploadRead> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(file, bytes);
  return readUpload(name, file, bytes.length, { ...importLimits({}), ...limits });
}

describe('Strava export ZIP', () => {
  it('reads every activity file (FIT, GPX, TCX, gzipped or not), names and types from activities.csv, skips media', async () => {
    const zip = stravaZip(
      [
        { id: 1, file: 'activities/1.fit.gz', data: gz(fitFile({ start, points: 120, sport: 'cycling', timerSec: 119, elapsedSec: 119 })), name: 'Commute, "wet"', type: 'Run' },
        { id: 2, file: 'activities/2.gpx', data: gpxFile({ start: new Date('2026-11-21T07:00:00Z'), points: 60, type: 'running' }), name: 'Hill reps', type: 'Trail Run' },
        { id: 3, file: 'activities/3.tcx.gz', data: gz(tcxFile({ start: new Date('2026-11-22T07:00:00Z'), points: 60, sport: 'Other', timerSec: 59 })), name: 'Gym', type: 'Weight Training' },
        { id: 4, file: 'activities/4.gpx', data: 'not xml at all', name: 'Broken', type: 'Run' },
      ],
      { 'media/photo.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0]), 'profile.csv': new TextEncoder().encode('a,b') },
    );
    const progress: number[] = [];
    const file = path.join(dir, 'export.zip');
    writeFileSync(file, zip);
    const result = await readUpload('export.zip', file, zip.length, importLimits({}), (p) => progress.push(p.done));
    expect(result.ok && result.archive).toBe(true);
    if (!result.ok) return;
    expect(progress).toEqual([1, 2, 3, 4]);
    const byName = new Map(result.files.map((f) => [f.name, f]));
    const first = byName.get('activities/1.fit.gz');
    expect(first?.ok && first.activities[0]).toMatchObject({ activity: 'run', name: 'Commute, "wet"', sportLabel: 'Run' });
    const third = byName.get('activities/3.tcx.gz');
    expect(third?.ok && third.activities[0]).toMatchObject({ activity: 'strength', name: 'Gym' });
    const broken = byName.get('activities/4.gpx');
    expect(broken?.ok).toBe(false);
  });

  it('an archive with 10,000 activities is refused as a whole, before any is read', async () => {
    const one = new TextEncoder().encode(gpxFile({ start, points: 2 }));
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 10_000; i++) files[`activities/${i}.gpx`] = one;
    const result = await read('huge.zip', zipSync(files, { level: 0 }));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/10,000 activity files; at most 2,000/) });
  });

  it('a zip bomb (an entry that inflates far beyond the limit) is refused while inflating', async () => {
    const bomb = zipSync({ 'activities/1.fit': new Uint8Array(40 * MB) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1 * MB);
    const result = await read('bomb.zip', bomb, { maxActivityFileBytes: 8 * MB });
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/inflates to more than 8 MB/) });
    const total = await read('bomb2.zip', bomb, { maxDecompressedBytes: 16 * MB });
    expect(total).toMatchObject({ ok: false, message: expect.stringMatching(/unpack to more than 16 MB/) });
  });

  it('a truncated ZIP, a ZIP without activities, an empty and an oversized upload each get a message', async () => {
    const zip = stravaZip([{ id: 1, file: 'activities/1.gpx', data: gpxFile({ start, points: 30 }), name: 'x', type: 'Run' }]);
    expect(await read('cut.zip', zip.subarray(0, zip.length - 30))).toMatchObject({ ok: false, message: expect.stringMatching(/not a readable ZIP/) });
    expect(await read('photos.zip', zipSync({ 'a.jpg': new Uint8Array(10) }))).toMatchObject({ ok: false, message: expect.stringMatching(/no FIT, GPX or TCX/) });
    expect(await read('empty.fit', new Uint8Array())).toMatchObject({ ok: false, message: 'is empty.' });
    expect(await read('big.gpx', new Uint8Array(2 * MB), { maxUploadBytes: 1 * MB })).toMatchObject({ ok: false, message: expect.stringMatching(/larger than 1 MB/) });
  });

  it('a single activity file is read as one file', async () => {
    const result = await read('run.fit', fitFile({ start, points: 60, timerSec: 59, elapsedSec: 59 }));
    expect(result).toMatchObject({ ok: true, archive: false, files: [{ ok: true, name: 'run.fit' }] });
  });
});

describe('limits', () => {
  it('come from the environment, and a bad value keeps the safe defaults', () => {
    expect(importLimits({ IMPORT_MAX_FILES: '5', IMPORT_MAX_UPLOAD_MB: '10' })).toMatchObject({ maxFiles: 5, maxUploadBytes: 10 * MB });
    expect(importLimits({ IMPORT_MAX_FILES: 'lots' })).toEqual(importLimits({}));
    expect(importLimits({})).toMatchObject({ maxUploadBytes: 300 * MB, maxFiles: 50, maxActivities: 2000, maxDecompressedBytes: 2048 * MB, maxActivityFileBytes: 64 * MB });
  });
});
