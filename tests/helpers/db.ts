import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openPglite, openPostgres, setDbForTests, type DbHandle } from '@/db/client';
import { serverUrlFor } from './db-url';

/**
 * A throwaway database for one test file, cloned from the migrated snapshot, and
 * installed as the app's database. Call the returned drop() in afterAll.
 */
export async function createTestDb(): Promise<DbHandle & { drop: () => Promise<void> }> {
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
