import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { practices } from '@/db/schema';
import { setupTestDb } from '../helpers/db';

// On PostgreSQL (CI's second vitest run, TEST_DATABASE_URL) the app's queries are prepared once
// per connection and query text, then reused: db/client.ts. PGlite runs them unnamed, as before.

const testDb = setupTestDb();

it('a query run twice in a transaction is prepared once on PostgreSQL (PGlite prepares none)', async () => {
  const statements = await testDb.db.transaction(async (tx) => {
    for (const name of ['Nowhere Physio', 'Elsewhere Physio']) {
      await tx.select({ id: practices.id }).from(practices).where(eq(practices.name, name));
    }
    const result = await tx.execute(sql`select statement from pg_prepared_statements where statement like '%from "practices" where "practices"."name" = $1%'`);
    // postgres.js answers with the rows, PGlite with { rows }.
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { statement: string }[];
    return rows.map((r) => r.statement);
  });
  expect(statements).toEqual(testDb.kind === 'postgres' ? ['select "id" from "practices" where "practices"."name" = $1'] : []);
});
