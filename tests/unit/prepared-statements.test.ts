import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { preparingStatements } from '@/db/client';

// db/client.ts asks postgres.js to prepare every query drizzle sends (drizzle sends
// prepare: false). A stand-in for postgres.js's client records what it was asked, so this runs
// without a server; tests/integration/prepared-statements.test.ts looks at PostgreSQL itself.

type Call = { via: string; query: string; options: Record<string, unknown> | undefined };

/** postgres.js's pool client and transaction client in one: unsafe, begin and savepoint. */
type Client = postgres.Sql & postgres.TransactionSql;

function recordingClient(via: string, calls: Call[]): Client {
  const client = Object.assign(() => undefined, {
    options: { parsers: {}, serializers: {} },
    unsafe: (query: string, _params: unknown[], options?: Record<string, unknown>) => {
      calls.push({ via, query, options });
      return Promise.resolve([]);
    },
    begin: (...args: unknown[]) => (args.at(-1) as (tx: postgres.TransactionSql) => unknown)(recordingClient(`${via}>begin${args.length > 1 ? `(${String(args[0])})` : ''}`, calls)),
    savepoint: (...args: unknown[]) => (args.at(-1) as (tx: postgres.TransactionSql) => unknown)(recordingClient(`${via}>savepoint`, calls)),
  });
  return client as unknown as Client;
}

describe('preparingStatements', () => {
  it('asks for a prepared statement on every query, at the top, in a transaction and in a savepoint', async () => {
    const calls: Call[] = [];
    const sql = preparingStatements(recordingClient('pool', calls));
    await sql.unsafe('select 1 where $1 = 1', [1], { prepare: false });
    await sql.begin('isolation level serializable', async (tx) => {
      await tx.unsafe('select 2 where $1 = 2', [2], { prepare: false });
      await tx.savepoint(async (inner) => {
        await inner.unsafe('select 3 where $1 = 3', [3]);
      });
    });
    expect(calls).toEqual([
      { via: 'pool', query: 'select 1 where $1 = 1', options: { prepare: true } },
      { via: 'pool>begin(isolation level serializable)', query: 'select 2 where $1 = 2', options: { prepare: true } },
      { via: 'pool>begin(isolation level serializable)>savepoint', query: 'select 3 where $1 = 3', options: { prepare: true } },
    ]);
  });

  it('keeps the caller’s other options and hands everything else through unchanged', async () => {
    const calls: Call[] = [];
    const raw = recordingClient('pool', calls);
    const sql = preparingStatements(raw);
    await sql.unsafe('select $1', ['x'], { simple: false } as postgres.UnsafeQueryOptions);
    expect(calls[0]?.options).toEqual({ simple: false, prepare: true });
    expect(sql.options).toBe(raw.options);
  });
});
