// The offline outbox: ticks, pain logs and sessions made without a connection, kept in
// IndexedDB with their idempotency keys until the server has them. Used by the portal
// pages and by the service worker (Background Sync), so nothing here touches the DOM.

import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type OutboxKind = 'tick' | 'pain' | 'session';
/** Form fields as the server actions receive them: repeated names become arrays. */
export type OutboxFields = Record<string, string | string[]>;

export type OutboxEntry = {
  /** Queue order (IndexedDB key): entries are sent in the order they were made. */
  seq?: number;
  kind: OutboxKind;
  idempotencyKey: string;
  /** The patient whose portal queued it: sent only while that patient is signed in. */
  patientId: string;
  fields: OutboxFields;
  queuedAt: string;
  /** Set when the server refused the entry (it will not be retried): the message to show. */
  failed?: string;
};

interface OutboxSchema extends DBSchema {
  entries: { key: number; value: OutboxEntry; indexes: { byKey: string } };
}

export const OUTBOX_DB = 'loadline-offline';
/** The Background Sync tag the portal registers and the service worker answers. */
export const OUTBOX_SYNC_TAG = 'loadline-outbox';
/** Pages and the service worker tell each other here that the outbox changed. */
export const OUTBOX_CHANNEL = 'loadline-outbox';

let opening: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function db(): Promise<IDBPDatabase<OutboxSchema>> {
  opening ??= openDB<OutboxSchema>(OUTBOX_DB, 1, {
    upgrade(database) {
      const store = database.createObjectStore('entries', { keyPath: 'seq', autoIncrement: true });
      store.createIndex('byKey', 'idempotencyKey', { unique: true });
    },
    // Another tab is deleting the database (sign-out): let it, and open afresh next time.
    blocking() {
      void opening?.then((d) => d.close());
      opening = null;
    },
  });
  return opening;
}

function announce() {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  channel.postMessage('changed');
  channel.close();
}

/** Queue an entry. The same idempotency key twice is kept once (a double tap stays one entry). */
export async function enqueue(entry: Omit<OutboxEntry, 'seq' | 'queuedAt' | 'failed'>): Promise<void> {
  const database = await db();
  const tx = database.transaction('entries', 'readwrite');
  if ((await tx.store.index('byKey').count(entry.idempotencyKey)) === 0) await tx.store.add({ ...entry, queuedAt: new Date().toISOString() });
  await tx.done;
  announce();
}

/** Every entry in queue order, refused ones included (they carry `failed`). */
export async function listEntries(): Promise<OutboxEntry[]> {
  return (await db()).getAll('entries');
}

export async function removeEntry(seq: number): Promise<void> {
  await (await db()).delete('entries', seq);
  announce();
}

export async function markFailed(seq: number, message: string): Promise<void> {
  const database = await db();
  const entry = await database.get('entries', seq);
  if (entry) await database.put('entries', { ...entry, failed: message });
  announce();
}

/** Forget everything queued on this device (sign-out on a shared computer). */
export async function deleteOutbox(): Promise<void> {
  const current = opening;
  opening = null;
  if (current) (await current).close();
  await deleteDB(OUTBOX_DB);
  announce();
}
