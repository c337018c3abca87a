import { sql, type Placeholder, type Query, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './client';

// drizzle turns a statement into text by walking its whole tree of parts on every call, testing
// each part against every kind of part it might be. In a CPU profile of patients logging pain at
// 16 connections that took about 0.3 ms of a log's 3.9 ms of server time (the log's statement
// and the session's read of the user), more than any function of the app itself. A compiled
// statement is walked once, with placeholders where its values go; every later call sends the
// same text with its own values (filled in by drizzle, through each column's own encoding where
// a placeholder stands in an INSERT's values).

const dialect = new PgDialect();
const compiled = new Map<string, Query>();

/** The placeholder for a compiled statement's value `name`. */
export const placeholder = (name: string): Placeholder => sql.placeholder(name);

/**
 * Run the statement `build` returns, built and turned into text once per `key`. `build` runs
 * only the first time, so everything that varies from call to call must come in `values`
 * through placeholders, never be read by `build` from the call; `key` must name everything else
 * that changes the statement's text (which table, which optional parts). Answers what drizzle's
 * `execute` answers (read rows with rowsOf).
 */
export async function executeCompiled(db: Db | Tx, key: string, build: () => SQL, values: Record<string, unknown>): Promise<unknown> {
  let query = compiled.get(key);
  if (!query) {
    query = dialect.sqlToQuery(build());
    compiled.set(key, query);
  }
  return db._.session.prepareQuery(query, undefined, undefined, false).execute(values);
}
