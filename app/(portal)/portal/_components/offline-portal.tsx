'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { PORTAL_SHELL_PAGES } from '@/lib/offline/cache-rules';
import { enqueue, listEntries, OUTBOX_CHANNEL, OUTBOX_SYNC_TAG, removeEntry, type OutboxEntry, type OutboxFields, type OutboxKind } from '@/lib/offline/outbox';
import { flushOutbox } from '@/lib/offline/send';

// The portal's offline layer, mounted once by the portal layout:
//  - registers the service worker (lib/offline/sw.ts) for /portal only, in production builds;
//  - keeps the portal's main pages, the current page and its exercise drawings on the device;
//  - gives the forms `queue()` (IndexedDB, lib/offline/outbox.ts) and sends what waits when
//    the connection comes back (Background Sync where the browser has it, `online`, each visit);
//  - shows "Waiting to send (n)" while anything waits, and what the server refused.

type OfflineContext = {
  /** Keep an entry on this device until it can be sent. */
  queue: (kind: OutboxKind, fields: OutboxFields) => Promise<void>;
  /** The practice's time zone: a tick queued offline is for that day there. */
  timeZone: string;
};

const Context = createContext<OfflineContext | null>(null);

export function useOfflineQueue(): OfflineContext | null {
  return useContext(Context);
}

/** True when the browser says it has no connection (a form then queues instead of posting). */
export const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

const SW_URL = '/serwist/sw.js';
const SCOPE = '/portal';
const WARM_EVERY_MS = 5 * 60_000;

let registering: Promise<ServiceWorkerRegistration | null> | null = null;

/** The portal's service worker registration (registered once per page load). */
function portalRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return Promise.resolve(null);
  // No service worker (private mode, plain http on a local network): the portal works online as before.
  registering ??= navigator.serviceWorker.register(SW_URL, { scope: SCOPE }).catch(() => null);
  return registering;
}

/** The registration's worker once it is active (a first install may still be running). */
async function activeWorker(registration: ServiceWorkerRegistration): Promise<ServiceWorker | null> {
  if (registration.active) return registration.active;
  const incoming = registration.installing ?? registration.waiting;
  if (!incoming) return null;
  await new Promise<void>((resolve) => {
    const settle = () => {
      if (incoming.state === 'activated' || incoming.state === 'redundant') resolve();
    };
    incoming.addEventListener('statechange', settle);
    settle();
  });
  return registration.active;
}

/**
 * Ask the worker to fetch and keep these pages and drawings; resolves when it has. Not
 * `navigator.serviceWorker.ready`: a page first opened at /login and brought to /portal by
 * the sign-in is not in the worker's scope (a document belongs to the address it was opened
 * at), so it is not controlled until the next full load, but the pages are kept all the same.
 */
async function keepOnDevice(urls: string[]): Promise<boolean> {
  const registration = await portalRegistration();
  const worker = registration && (await activeWorker(registration));
  if (!worker || urls.length === 0) return false;
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    worker.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: urls } }, [channel.port2]);
  });
  return true;
}

// A new pain log or session is answered without re-rendering the page (portal-entry-actions.ts).
// A page opened by a link afterwards is rendered fresh, but Back and Forward show the copy the
// router kept, which may predate the entry: such a page is refreshed once it is shown.
let savedWithoutRerenderAt = 0;

/** Called by the log forms after the server saved an entry and answered without the page. */
export function noteSavedWithoutRerender(): void {
  savedWithoutRerenderAt = Date.now();
}

const drawingsOnPage = () => [...document.querySelectorAll<HTMLImageElement>('img[src^="/api/illustrations/"]')].map((img) => new URL(img.src).pathname);

export function OfflinePortal({ patientId, timeZone, children }: { patientId: string; timeZone: string; children: React.ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [offline, setOffline] = useState(false);
  const flushing = useRef(false);
  const shownAt = useRef(new Map<string, number>());
  const cameBack = useRef(false);

  const refresh = useCallback(async () => {
    try {
      setEntries((await listEntries()).filter((e) => e.patientId === patientId));
    } catch {
      setEntries([]); // No IndexedDB (private mode): nothing can wait.
    }
  }, [patientId]);

  const send = useCallback(async () => {
    if (isOffline() || flushing.current) return;
    flushing.current = true;
    try {
      const { sent } = await flushOutbox();
      await refresh();
      // The server has them now: show the page as the server has it (ticks, history).
      if (sent > 0) router.refresh();
    } finally {
      flushing.current = false;
    }
  }, [refresh, router]);

  // Register, send what waits from an earlier visit, and follow the connection.
  useEffect(() => {
    void portalRegistration();
    const onOnline = () => {
      setOffline(false);
      void send();
    };
    const onOffline = () => setOffline(true);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(OUTBOX_CHANNEL);
    if (channel) channel.onmessage = () => void refresh();
    // Reading the browser's connection state and the device's queue once on mount: both live outside React.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setOffline(isOffline());
    void refresh().then(send);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      channel?.close();
    };
  }, [refresh, send]);

  // Back or Forward to a page last shown before an entry was saved: show it as the server has it now.
  useEffect(() => {
    const onPopState = () => {
      cameBack.current = true;
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  useEffect(() => {
    const here = search ? `${pathname}?${search}` : pathname;
    if (cameBack.current && (shownAt.current.get(here) ?? 0) < savedWithoutRerenderAt) router.refresh();
    cameBack.current = false;
    shownAt.current.set(here, Date.now());
  }, [pathname, search, router]);

  // Keep this page (and, now and then, the portal's main pages) on the device for offline use.
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator) || isOffline()) return;
    const here = search ? `${pathname}?${search}` : pathname;
    const last = Number(sessionStorage.getItem('loadline-kept-at') ?? 0);
    const shell = Date.now() - last > WARM_EVERY_MS ? [...PORTAL_SHELL_PAGES] : [];
    const urls = [...new Set([here, ...shell, ...drawingsOnPage()])];
    void keepOnDevice(urls).then((kept) => {
      if (!kept) return;
      if (shell.length) sessionStorage.setItem('loadline-kept-at', String(Date.now()));
      document.documentElement.dataset.offlineReady = 'true';
    });
  }, [pathname, search]);

  const queue = useCallback(
    async (kind: OutboxKind, fields: OutboxFields) => {
      const idempotencyKey = typeof fields.idempotencyKey === 'string' ? fields.idempotencyKey : '';
      await enqueue({ kind, idempotencyKey, patientId, fields });
      await refresh();
      // Background Sync wakes the worker when the connection is back, even with the portal closed.
      try {
        const registration = await portalRegistration();
        await (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync?.register(OUTBOX_SYNC_TAG);
      } catch {
        // No Background Sync (Safari, Firefox): sent on `online` or the next visit instead.
      }
      if (!isOffline()) void send();
    },
    [patientId, refresh, send],
  );

  const value = useMemo(() => ({ queue, timeZone }), [queue, timeZone]);
  const waiting = entries.filter((e) => !e.failed);
  const refused = entries.filter((e) => e.failed);

  return (
    <Context.Provider value={value}>
      {(offline || waiting.length > 0 || refused.length > 0) && (
        <div className="mb-4 space-y-2" data-testid="offline-status">
          {offline && (
            <p className="rounded-xl bg-slate-100 px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300" data-testid="offline-notice">
              You are offline. You can still tick exercises and log pain and runs: they are kept on this phone.
            </p>
          )}
          {waiting.length > 0 && (
            <p role="status" className="rounded-xl bg-amber-50 px-3 py-2 text-base font-semibold text-amber-950 ring-1 ring-amber-400" data-testid="outbox-waiting">
              Waiting to send ({waiting.length})
              <span className="block text-sm font-normal">{offline ? 'Sent by itself when you are back online. Your physio does not see these yet.' : 'Sending…'}</span>
            </p>
          )}
          {refused.map((e) => (
            <div key={e.seq} role="alert" className="rounded-xl bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-300" data-testid="outbox-refused">
              <p>
                A {e.kind === 'tick' ? 'tick' : e.kind === 'pain' ? 'pain log' : 'session'} kept on this phone could not be saved: {e.failed}
              </p>
              <button type="button" className="mt-1 min-h-11 font-semibold underline" onClick={() => void removeEntry(e.seq!).then(refresh)}>
                Remove it
              </button>
            </div>
          ))}
        </div>
      )}
      {children}
    </Context.Provider>
  );
}
