// npm run db:restore -- FILE [--force] — load a backup made by npm run db:backup.
//  - PostgreSQL (DATABASE_URL set): pg_restore into that database, in one transaction
//    (all or nothing). The database must be empty, or pass --force to replace what is in it.
//  - PGlite (embedded): the dump becomes PGLITE_DIR. An existing directory is kept, renamed
//    to PGLITE_DIR.before-restore-<time>, only with --force. Stop the app first.
// Prints the row count of every restored table, to compare with the backup's.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { env } from '@/lib/env';
import { tableFingerprints } from './db-fingerprint';

const args = process.argv.slice(2);
const force = args.includes('--force');
const file = args.find((a) => !a.startsWith('--'));
if (!file || !existsSync(file)) {
  console.error('Usage: npm run db:restore -- <backup file> [--force]');
  process.exit(2);
}
const head = readFileSync(file).subarray(0, 5);
const isPgDump = head.toString('latin1') === 'PGDMP';
const isGzip = head[0] === 0x1f && head[1] === 0x8b;
const { DATABASE_URL, PGLITE_DIR } = env();

if (DATABASE_URL) {
  if (!isPgDump) fail(`${file} is not a pg_dump archive${isGzip ? ' (it looks like an embedded-database backup: unset DATABASE_URL to restore it into PGLITE_DIR)' : ''}.`);
  const postgres = (await import('postgres')).default;
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [counted] = await sql<{ n: number }[]>`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
    const n = counted?.n ?? 0;
    if (n > 0 && !force) fail(`The target database already has ${n} tables. Restore into an empty database, or pass --force to replace its contents.`);
    const restore = spawnSync(
      'pg_restore',
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...(n > 0 ? ['--clean', '--if-exists'] : []), '--dbname', DATABASE_URL, file],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (restore.error) fail(`pg_restore could not be started (${restore.error.message}): install the PostgreSQL client tools`);
    if (restore.status !== 0) fail('pg_restore failed; the target database is unchanged (single transaction).');
    report(await tableFingerprints((q) => sql.unsafe(q)));
  } finally {
    await sql.end();
  }
} else {
  if (!isGzip) fail(`${file} is not an embedded-database backup${isPgDump ? ' (it is a pg_dump archive: set DATABASE_URL to restore it into PostgreSQL)' : ''}.`);
  const dir = path.resolve(PGLITE_DIR);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!force) fail(`${dir} already holds a database. Pass --force to move it aside and restore over it.`);
    const aside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, aside);
    console.log(`Moved the existing database to ${aside}`);
  }
  const db = new PGlite({ dataDir: dir, loadDataDir: new Blob([readFileSync(file)]) });
  try {
    report(await tableFingerprints(async (q) => (await db.query(q)).rows as Record<string, unknown>[]));
  } finally {
    await db.close();
  }
}
console.log(`Restored ${file}.`);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function report(tables: { table: string; rows: number }[]) {
  console.log(`Tables (${tables.length}), rows restored:`);
  for (const t of tables) console.log(`  ${t.table.padEnd(40)} ${t.rows}`);
}
