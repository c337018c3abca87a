// A query slower than DB_STATEMENT_TIMEOUT_MS, through the app's own db client
// (db/client.ts): PostgreSQL must cancel it (SQLSTATE 57014) at the timeout.
// Run by scripts/fault-test.mjs with DATABASE_URL and DB_STATEMENT_TIMEOUT_MS set.
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { env } from '@/lib/env';

const { DATABASE_URL, DB_STATEMENT_TIMEOUT_MS } = env();
if (!DATABASE_URL) throw new Error('DATABASE_URL is required');
const handle = openPostgres(DATABASE_URL);
const started = Date.now();
let code = 1;
try {
  await handle.db.execute(sql`select pg_sleep(10)`);
  console.log('select pg_sleep(10) finished: statement_timeout did not cut it');
} catch (error) {
  const took = Date.now() - started;
  const e = error as { code?: string; cause?: { code?: string } };
  const sqlstate = e.cause?.code ?? e.code;
  console.log(`select pg_sleep(10) cancelled after ${took} ms (statement_timeout ${DB_STATEMENT_TIMEOUT_MS} ms, SQLSTATE ${sqlstate})`);
  if (sqlstate === '57014' && took < DB_STATEMENT_TIMEOUT_MS * 3) code = 0;
} finally {
  await handle.close();
}
process.exit(code);
