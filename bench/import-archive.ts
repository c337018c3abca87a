// Part of `npm run bench` (issue 16), and runnable on its own:
//   npm run bench:import [-- --activities=1000 --mb=200]
// Both compile it with esbuild and run it with plain node, as production runs the import
// (scripts/bench-import.mjs); under tsx the process would hold about 100 MB more (docs/imports.md).
// Builds a Strava-style export (activities/*.fit.gz, *.gpx.gz, *.tcx.gz at 1 Hz plus
// activities.csv, padded with media/ photos to the target size, as real exports are) in a
// child process, then imports it here exactly as the upload route does (readUpload from
// disk, then importUpload into the database), and prints the seconds and this process's
// peak RSS. Database: DATABASE_URL when it is a local PostgreSQL, else an in-memory PGlite
// (which then counts in the RSS too). The last line printed is JSON for scripts/bench.mjs.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync, Zip, ZipPassThrough } from 'fflate';
import { openPglite, openPostgres, setDbForTests, type DbHandle } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { patients, practices, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { importUpload } from '@/lib/data/run-imports';
import { importLimits } from '@/lib/import/limits';
import { readUpload } from '@/lib/import/read-upload';
import { fitFile, gpxFile, tcxFile } from '@/tests/helpers/activity-files';

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k, v ?? 'true']; }));
const ACTIVITIES = Number(args.activities ?? 1000);
const TARGET_MB = Number(args.mb ?? 200);
const MB = 1024 * 1024;
const archivePath = path.join(tmpdir(), `loadline-bench-strava-${ACTIVITIES}-${TARGET_MB}.zip`);

async function buildArchive(): Promise<void> {
  const out = createWriteStream(archivePath);
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err;
    out.write(chunk);
    if (final) out.end();
  });
  const add = (name: string, data: Uint8Array) => {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    entry.push(data, true);
  };
  let activityBytes = 0;
  const csv = ['Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename'];
  const now = Date.now();
  for (let i = 0; i < ACTIVITIES; i++) {
    // Spread over the last 330 days, about 8 hours apart, 30–70 minutes at one point a second.
    const start = new Date(now - 86_400_000 - i * 8 * 3_600_000);
    const points = 1800 + ((i * 37) % 2400);
    const track = { start, points, hr: 140 + (i % 20), ele: (k: number) => 50 + 20 * Math.sin(k / 120), latStep: 0.000025 + (i % 7) * 0.000001 };
    // Mostly FIT, as watches record; some GPX and TCX (phone apps, older devices).
    const kind = i % 100 < 90 ? 'fit' : i % 100 < 97 ? 'gpx' : 'tcx';
    const raw = kind === 'fit' ? fitFile({ ...track, timerSec: points - 1, elapsedSec: points + 60, distanceM: points * 2.8 }) : new TextEncoder().encode(kind === 'gpx' ? gpxFile(track) : tcxFile({ ...track, timerSec: points - 1 }));
    const data = gzipSync(raw, { level: 6 });
    activityBytes += data.length;
    const file = `activities/${1000000 + i}.${kind}.gz`;
    add(file, data);
    csv.push(`${1000000 + i},"${start.toUTCString()}",Run ${i},Run,${points},${file}`);
  }
  add('activities.csv', new TextEncoder().encode(csv.join('\n')));
  // Real exports carry photos; random bytes stand for them (they are skipped, but streamed past).
  for (let n = 0, size = activityBytes; size < TARGET_MB * MB; n++, size += 2 * MB) add(`media/${n}.jpg`, randomBytes(2 * MB));
  zip.end();
  await new Promise<void>((resolve) => out.on('close', () => resolve()));
  console.log(JSON.stringify({ activityMb: Math.round(activityBytes / MB) }));
}

async function openDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (url && ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname)) return openPostgres(url, 120_000);
  return openPglite();
}

async function measure(): Promise<void> {
  if (!existsSync(archivePath)) {
    const built = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--build', `--activities=${ACTIVITIES}`, `--mb=${TARGET_MB}`], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the archive failed');
  }
  const handle = await openDb();
  setDbForTests(handle);
  await runMigrations(handle);
  const db = handle.db;
  const [practice] = await db.insert(practices).values({ name: 'Bench practice', slug: `bench-${randomUUID().slice(0, 8)}`, timeZone: 'Europe/London', settings: { sessionIdleMinutes: 60, painWorseMinPoints: 2, acwrSpike: 1.5, weeklyDistanceRedPct: 30, adherenceLowPct: 50, inactivityDays: 14 } }).returning();
  const [patient] = await db.insert(patients).values({ practiceId: practice!.id, firstName: 'Bench', lastName: 'Runner' }).returning();
  const [user] = await db.insert(users).values({ practiceId: practice!.id, email: `bench-${randomUUID()}@example.test`, name: 'Bench Runner', roles: ['patient'], patientId: patient!.id }).returning();
  const actor: Actor = { userId: user!.id, practiceId: practice!.id, roles: ['patient'], patientId: patient!.id, name: 'Bench Runner', email: user!.email, timeZone: 'Europe/London', distanceUnit: 'km', ip: null, userAgent: 'bench' };

  // RSS before the import: the process's modules and the database client.
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const size = statSync(archivePath).size;
  const t0 = performance.now();
  const read = await readUpload('export.zip', archivePath, size, importLimits({}));
  const t1 = performance.now();
  const report = await importUpload(actor, undefined, read, importLimits({}));
  const t2 = performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  const result = {
    name: 'import-archive', activities: ACTIVITIES, archiveMb: Math.round(size / MB), imported: report.imported, refused: report.refused,
    seconds: Math.round((t2 - t0) / 100) / 10, readSeconds: Math.round((t1 - t0) / 100) / 10, saveSeconds: Math.round((t2 - t1) / 100) / 10,
    peakRssMb: Math.round(peak / MB), baselineRssMb: Math.round(baseline / MB), db: handle.kind,
  };
  console.log(`import-archive: ${result.imported}/${ACTIVITIES} activities from a ${result.archiveMb} MB Strava-style archive in ${result.seconds} s (read ${result.readSeconds} s, save ${result.saveSeconds} s), peak RSS ${result.peakRssMb} MB (${result.baselineRssMb} MB before importing; ${handle.kind})`);
  console.log(JSON.stringify(result));
  await handle.close();
}

mkdirSync(tmpdir(), { recursive: true });
// Not a top-level await, so the file also bundles to CommonJS (above).
(args.build === 'true' ? buildArchive() : measure()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
