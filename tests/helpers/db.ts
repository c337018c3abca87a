import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openPglite, openPostgres, setDbForTests, type Db, type DbHandle } from '@/db/client';
import { serverUrlFor } from './db-url';
import { perFile } from './per-file';

/**
 * A throwaway database for one test file, cloned from the migrated snapshot, and
 * installed as the app's database. Call the returned drop() in afterAll.
 */
export type TestDb = DbHandle & { drop: () => Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  const spec = inject('testDb');
  if (spec.kind === 'pglite') {
    const snapshot = new Blob([readFileSync(spec.snapshotFile)]);
    const handle = openPglite(undefined, snapshot);
    setDbForTests(handle);
    return { ...handle, drop: async () => { setDbForTests(undefined); await handle.close(); } };
  }
  const name = `loadline_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(spec.serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${spec.template}"`);
  const handle = openPostgres(serverUrlFor(spec.serverUrl, name));
  setDbForTests(handle);
  return {
    ...handle,
    drop: async () => {
      setDbForTests(undefined);
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * The test file's database, the usual way: created (and installed as the app's) in beforeAll,
 * then `prepare` (the demo seed, fault triggers), dropped in afterAll. Call it at the top level
 * of the file; the returned db is there from beforeAll on, in every hook and test.
 */
export function setupTestDb(prepare?: (handle: TestDb) => Promise<unknown> | void): { readonly db: Db; readonly kind: DbHandle['kind'] } {
  const current = perFile(
    'The test database',
    async () => {
      const handle = await createTestDb();
      await prepare?.(handle);
      return handle;
    },
    (handle) => handle.drop(),
  );
  return {
    get db() { return current().db; },
    get kind() { return current().kind; },
  };
}
