// npm run db:backup [-- --out FILE] — a full copy of the database in one file.
//  - PostgreSQL (DATABASE_URL set): pg_dump's custom format (compressed, restorable table
//    by table with pg_restore). Safe while the app runs: pg_dump reads one consistent snapshot.
//  - PGlite (embedded, PGLITE_DIR): PGlite's own data-directory dump (a .tar.gz). PGlite
//    belongs to one process at a time: stop the app first.
// Prints the row count of every table, so a restore can be checked against it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { env } from '@/lib/env';
import { tableFingerprints } from './db-fingerprint';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const { DATABASE_URL, PGLITE_DIR } = env();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = path.resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : path.join('backups', `loadline-${stamp}.${DATABASE_URL ? 'dump' : 'pglite.tar.gz'}`));
mkdirSync(path.dirname(out), { recursive: true });

if (DATABASE_URL) {
  const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', out, '--dbname', DATABASE_URL], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (dump.error) throw new Error(`pg_dump could not be started (${dump.error.message}): install the PostgreSQL client tools`);
  if (dump.status !== 0) process.exit(dump.status ?? 1);
  const postgres = (await import('postgres')).default;
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    report(await tableFingerprints((q) => sql.unsafe(q)));
  } finally {
    await sql.end();
  }
} else {
  const db = new PGlite(PGLITE_DIR);
  try {
    report(await tableFingerprints(async (q) => (await db.query(q)).rows as Record<string, unknown>[]));
    const file = await db.dumpDataDir('gzip');
    writeFileSync(out, Buffer.from(await file.arrayBuffer()));
  } finally {
    await db.close();
  }
}
console.log(`Backup written: ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);

function report(tables: { table: string; rows: number }[]) {
  console.log(`Tables (${tables.length}), rows at backup time:`);
  for (const t of tables) console.log(`  ${t.table.padEnd(40)} ${t.rows}`);
}
