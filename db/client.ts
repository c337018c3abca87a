// One database handle per process: PGlite under PGLITE_DIR when DATABASE_URL is unset,
// PostgreSQL through postgres.js when it is set. Both speak the same schema and migrations.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/lib/env';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle, usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DbHandle = { db: Db; kind: 'pglite' | 'postgres'; close: () => Promise<void> };

export function openPglite(dataDir?: string, loadDataDir?: Blob | File): DbHandle {
  if (dataDir) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = new PGlite({ dataDir, loadDataDir });
  return { db: drizzlePglite({ client, schema }), kind: 'pglite', close: () => client.close() };
}

/**
 * drizzle runs every query as an unnamed statement (prepare: false), and postgres.js then sends
 * each query with parameters twice over: once to learn the parameters' types (parse, describe),
 * once to run it; the server parses and plans it every time. This handle asks postgres.js to
 * prepare every query instead: once per connection and query text, after that one round trip
 * (bench: `npm run bench`, docs/performance.md). It wraps transactions and savepoints
 * too, whose queries go through the client they are handed.
 */
export function preparingStatements<S extends postgres.Sql | postgres.TransactionSql>(sql: S): S {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => Promise<unknown>;
        // begin(cb), begin(options, cb), savepoint(cb), savepoint(name, cb): the callback is last.
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return open(...args, (tx: postgres.TransactionSql) => callback(preparingStatements(tx)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export function openPostgres(
  url: string, statementTimeoutMs = env().DB_STATEMENT_TIMEOUT_MS, poolMax = env().DB_POOL_MAX, prepared = env().DB_PREPARED_STATEMENTS,
): DbHandle {
  const client = postgres(url, {
    max: poolMax,
    onnotice: () => {},
    connection: { statement_timeout: statementTimeoutMs, application_name: 'loadline' },
    // After an outage, reconnect within a second: postgres.js's default backoff grows with
    // every failed attempt of the pool up to 20 s, which kept requests waiting long after
    // the database was back (scripts/fault-test.mjs). A connection attempt gives up after 10 s.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    connect_timeout: 10,
  });
  return { db: drizzlePostgres({ client: prepared ? preparingStatements(client) : client, schema }), kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

const globalForDb = globalThis as typeof globalThis & { __loadlineDb?: DbHandle };

export function dbHandle(): DbHandle {
  if (!globalForDb.__loadlineDb) {
    const { DATABASE_URL, PGLITE_DIR } = env();
    globalForDb.__loadlineDb = DATABASE_URL ? openPostgres(DATABASE_URL) : openPglite(PGLITE_DIR);
  }
  return globalForDb.__loadlineDb;
}

/** The process's database. Tests swap it with setDbForTests. */
export function getDb(): Db {
  return dbHandle().db;
}

export function setDbForTests(handle: DbHandle | undefined): void {
  globalForDb.__loadlineDb = handle;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.__loadlineDb;
  globalForDb.__loadlineDb = undefined;
  await handle?.close();
}
