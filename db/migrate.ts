import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbHandle } from './client';
import type * as schema from './schema';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** Apply every pending migration in db/migrations (drizzle's journal keeps it idempotent). */
export async function runMigrations(handle: DbHandle): Promise<void> {
  // The handle's Db type is the common base of both drivers; each migrator wants its own.
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase<typeof schema>, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase<typeof schema>, { migrationsFolder });
  }
}
