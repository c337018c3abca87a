// Runs once per `vitest run`: prepares a migrated, content-synced database that each
// test file clones in well under a second, then removes it at the end.
//  - PGlite (default): a dumped data directory in the OS temp folder.
//  - PostgreSQL (TEST_DATABASE_URL set): a template database on that server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '@/db/client';
import { prepareDatabase } from '@/db/prepare';
import { assertLocalDatabase, serverUrlFor } from './db-url';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite'; snapshotFile: string } | { kind: 'postgres'; serverUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    assertLocalDatabase(serverUrl);
    const template = `loadline_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    const handle = openPostgres(serverUrlFor(serverUrl, template), 60_000);
    await prepareDatabase(handle);
    await handle.close();
    project.provide('testDb', { kind: 'postgres', serverUrl, template });
    return async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loadline-test-'));
  const handle = openPglite();
  await prepareDatabase(handle);
  const client = (handle.db as unknown as { $client: { dumpDataDir: (c?: 'none' | 'gzip') => Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  const snapshotFile = path.join(dir, 'snapshot.tar');
  writeFileSync(snapshotFile, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('testDb', { kind: 'pglite', snapshotFile });
  return () => rmSync(dir, { recursive: true, force: true });
}
