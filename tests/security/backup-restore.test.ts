// Backup and restore round trip: the demo practice is seeded into a fresh database,
// `npm run db:backup` writes it to a file, `npm run db:restore` loads that file into another
// fresh database, and every table must have the same row count and the same MD5 over its
// ordered rows (sequences: the same position). PGlite by default; with TEST_DATABASE_URL
// set, pg_dump and pg_restore against that server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, setDbForTests, type DbHandle } from '@/db/client';
import { prepareDatabase } from '@/db/prepare';
import { seedDemo } from '@/db/seed';
import { tableFingerprints, type TableFingerprint } from '../../scripts/db-fingerprint';
import { assertLocalDatabase, serverUrlFor } from '../helpers/db-url';

const root = path.resolve(__dirname, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'loadline-backup-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** Runs an npm script the way a person would, with the target database in its environment. */
function npmRun(script: string, args: string[], target: Record<string, string>) {
  const { DATABASE_URL: _d, PGLITE_DIR: _p, TEST_DATABASE_URL: _t, ...inherited } = process.env;
  void _d; void _p; void _t;
  const run = spawnSync('npm', ['run', '-s', script, '--', ...args], { cwd: root, env: { ...inherited, ...target }, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`npm run ${script} failed (${run.status}): ${run.stderr}\n${run.stdout}`);
  return run.stdout;
}

/** Seeds the demo practice; the data functions it calls use the process database, so point that here. */
async function seed(handle: DbHandle) {
  setDbForTests(handle);
  try {
    await prepareDatabase(handle);
    const { created } = await seedDemo(handle.db);
    expect(created).toBe(true);
  } finally {
    setDbForTests(undefined);
    await handle.close();
  }
}

function expectSame(source: TableFingerprint[], restored: TableFingerprint[]) {
  expect(restored.map((t) => t.table)).toEqual(source.map((t) => t.table));
  for (const [i, t] of source.entries()) expect(restored[i], t.table).toEqual(t);
  const rows = source.filter((t) => !t.table.startsWith('sequence')).reduce((sum, t) => sum + t.rows, 0);
  console.log(`backup/restore round trip: ${source.length} tables and sequences, ${rows} rows, identical counts and MD5s\n${source.map((t) => `  ${t.table.padEnd(42)} ${t.rows}`).join('\n')}`);
  expect(rows).toBeGreaterThan(1000); // the demo practice, not an empty database
}

describe('backup and restore', () => {
  const pgliteRoundTrip = async () => {
    const source = path.join(work, 'source');
    const restored = path.join(work, 'restored');
    const file = path.join(work, 'demo.pglite.tar.gz');
    await seed(openPglite(source));

    npmRun('db:backup', ['--out', file], { PGLITE_DIR: source });
    npmRun('db:restore', [file], { PGLITE_DIR: restored });
    // Restoring over an existing database needs --force.
    expect(() => npmRun('db:restore', [file], { PGLITE_DIR: restored })).toThrow(/already holds a database/);

    const fingerprints = async (dir: string) => {
      const db = new PGlite(dir);
      try {
        return await tableFingerprints(async (q) => (await db.query(q)).rows as Record<string, unknown>[]);
      } finally {
        await db.close();
      }
    };
    expectSame(await fingerprints(source), await fingerprints(restored));
  };

  const postgresRoundTrip = async () => {
    assertLocalDatabase(serverUrl!);
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end());
    const names = ['src', 'dst'].map((s) => `loadline_backup_${process.pid}_${s}`);
    for (const name of names) {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE "${name}"`);
      cleanups.push(async () => { await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); });
    }
    const [sourceUrl, restoredUrl] = names.map((n) => serverUrlFor(serverUrl!, n)) as [string, string];
    await seed(openPostgres(sourceUrl, 60_000));

    const file = path.join(work, 'demo.dump');
    npmRun('db:backup', ['--out', file], { DATABASE_URL: sourceUrl });
    npmRun('db:restore', [file], { DATABASE_URL: restoredUrl });
    expect(() => npmRun('db:restore', [file], { DATABASE_URL: restoredUrl })).toThrow(/already has \d+ tables/);

    const fingerprints = async (url: string) => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        return await tableFingerprints((q) => sql.unsafe(q));
      } finally {
        await sql.end();
      }
    };
    expectSame(await fingerprints(sourceUrl), await fingerprints(restoredUrl));
  };

  // One test, on whichever database this run uses (CI runs the suite on both).
  it(
    serverUrl ? 'PostgreSQL: pg_dump then pg_restore into a new database gives identical tables' : 'PGlite: npm run db:backup then db:restore into a new data directory gives identical tables',
    { timeout: 180_000 },
    () => (serverUrl ? postgresRoundTrip() : pgliteRoundTrip()),
  );
});
