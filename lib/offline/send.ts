// Sending the outbox: one POST per entry to /api/portal/outbox, in queue order, each with
// its idempotency key (the server keeps a resent entry once). Runs in a portal page (on
// `online` and on every visit) and in the service worker (Background Sync); a Web Lock
// keeps two of them from sending at once, so a tick and its undo stay in order.

import { listEntries, markFailed, removeEntry, type OutboxEntry } from './outbox';

export const OUTBOX_ENDPOINT = '/api/portal/outbox';

export type SendOutcome = 'sent' | 'refused' | 'not-signed-in' | 'other-patient' | 'unreachable';

/** One entry to the server. Never throws: a network failure is 'unreachable'. */
export async function sendEntry(entry: OutboxEntry): Promise<{ outcome: SendOutcome; message?: string }> {
  let response: Response;
  try {
    response = await fetch(OUTBOX_ENDPOINT, {
      method: 'POST',
      credentials: 'same-origin',
      // A signed-out request is redirected to /login by proxy.ts: seen as such, not followed.
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ kind: entry.kind, patientId: entry.patientId, fields: entry.fields }),
    });
  } catch {
    return { outcome: 'unreachable' };
  }
  if (response.ok) return { outcome: 'sent' };
  if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) return { outcome: 'not-signed-in' };
  if (response.status === 409) return { outcome: 'other-patient' };
  // Refused as sent (invalid, or the exercise is gone): retrying cannot help, so it is shown instead.
  if (response.status === 400 || response.status === 404 || response.status === 422) {
    const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
    return { outcome: 'refused', message: typeof body?.message === 'string' ? body.message : 'The server could not accept this entry.' };
  }
  return { outcome: 'unreachable' };
}

export type FlushResult = { sent: number; waiting: number };

async function flushUnlocked(): Promise<FlushResult> {
  let sent = 0;
  const entries = (await listEntries()).filter((e) => !e.failed);
  for (const [index, entry] of entries.entries()) {
    const { outcome, message } = await sendEntry(entry);
    if (outcome === 'sent') {
      await removeEntry(entry.seq!);
      sent += 1;
    } else if (outcome === 'refused') {
      await markFailed(entry.seq!, message ?? 'Not accepted.');
    } else if (outcome === 'other-patient') {
      // Queued by another login on this device: left for that patient (or deleted at sign-out).
      continue;
    } else {
      // Offline or signed out: stop here and keep the order for the next try.
      return { sent, waiting: entries.length - index };
    }
  }
  return { sent, waiting: 0 };
}

/** Send what is waiting, one sender at a time across tabs and the service worker. */
export async function flushOutbox(): Promise<FlushResult> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return flushUnlocked();
  return locks.request('loadline-outbox-send', flushUnlocked);
}
