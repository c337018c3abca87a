import type { DbHandle } from './client';
import { runMigrations } from './migrate';
import { loadLibrary } from '@/lib/content/loader';
import { syncLibrary, type SyncResult } from '@/lib/content/sync';

/** Migrations, then the content library into the database: what every start needs. */
export async function prepareDatabase(handle: DbHandle): Promise<SyncResult> {
  await runMigrations(handle);
  return syncLibrary(handle.db, loadLibrary());
}
