// A query slower than DB_STATEMENT_TIMEOUT_MS, through the app's own db client
// (db/client.ts): PostgreSQL must cancel it because of statement_timeout.
// Run by scripts/fault-test.mjs with DATABASE_URL and DB_STATEMENT_TIMEOUT_MS set.
// What is checked is the cause PostgreSQL gives (SQLSTATE 57014 with "statement timeout") and the
// setting the connection carries, not the elapsed time: on a busy machine connecting alone can take
// seconds, and that says nothing about the timeout.
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db/client';
import { rowsOf } from '@/lib/data/adherence-items';
import { env } from '@/lib/env';

const { DATABASE_URL, DB_STATEMENT_TIMEOUT_MS } = env();
if (!DATABASE_URL) throw new Error('DATABASE_URL is required');
const handle = openPostgres(DATABASE_URL);
let code = 1;
try {
  const setting = await handle.db.execute(sql`select extract(epoch from current_setting('statement_timeout')::interval) * 1000 as ms`);
  const settingMs = Number(rowsOf<{ ms: string | number }>(setting)[0]?.ms);
  console.log(`the connection's statement_timeout is ${settingMs} ms (DB_STATEMENT_TIMEOUT_MS ${DB_STATEMENT_TIMEOUT_MS})`);
  const started = Date.now();
  try {
    await handle.db.execute(sql`select pg_sleep(10)`);
    console.log('select pg_sleep(10) finished: statement_timeout did not cut it');
  } catch (error) {
    const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const sqlstate = e.cause?.code ?? e.code;
    const reason = e.cause?.message ?? e.message ?? '';
    console.log(`select pg_sleep(10) cancelled after ${Date.now() - started} ms: SQLSTATE ${sqlstate}, "${reason}"`);
    if (settingMs === DB_STATEMENT_TIMEOUT_MS && sqlstate === '57014' && /statement timeout/.test(reason)) code = 0;
  }
} finally {
  await handle.close();
}
process.exit(code);
