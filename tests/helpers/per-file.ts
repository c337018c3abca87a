import { afterAll, beforeAll } from 'vitest';

/**
 * Something one test file uses from beforeAll to afterAll (its database, an SMTP peer):
 * started once before the file's tests and stopped after them. The returned getter reads it
 * in any hook or test; before it started (or after it stopped) it throws, naming `what`.
 */
export function perFile<T>(what: string, start: () => Promise<T>, stop: (value: T) => Promise<void>): () => T {
  let current: { value: T } | undefined;
  beforeAll(async () => {
    current = { value: await start() };
  });
  afterAll(async () => {
    const running = current;
    current = undefined;
    if (running) await stop(running.value);
  });
  return () => {
    if (!current) throw new Error(`${what} exists from beforeAll until afterAll`);
    return current.value;
  };
}
