/// <reference lib="webworker" />
// The portal's service worker (Serwist), bundled by @serwist/turbopack's route
// (app/serwist/[path]/route.ts) and registered only by portal pages, with scope /portal.
//
// What it keeps, and why no more: the app's code (content-hashed chunks and styles,
// precached: no patient data), the patient's own portal pages (network first, so online they
// are always fresh; offline the last copy), and the exercise drawings. Staff pages are never
// controlled (outside the scope) and never cached; API responses and server actions are
// never cached. A portal page that answers with a redirect (signed out, another role) means
// this browser no longer belongs to that patient: the cached pages are deleted at once.
// Sign-out deletes them too (portal sign-out button). Queued entries are sent on Background
// Sync (lib/offline/send.ts).

import type { PrecacheEntry, SerwistGlobalConfig, SerwistPlugin } from 'serwist';
import { CacheableResponsePlugin, ExpirationPlugin, NetworkFirst, Serwist, StaleWhileRevalidate } from 'serwist';
import { OFFLINE_PAGE_HTML, PORTAL_CACHES, isCachedPortalPage, isExerciseDrawing } from './cache-rules';
import { OUTBOX_CHANNEL, OUTBOX_SYNC_TAG } from './outbox';
import { flushOutbox } from './send';

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

async function deletePortalCaches(): Promise<void> {
  await Promise.all(Object.values(PORTAL_CACHES).map((name) => caches.delete(name)));
}

/** A redirected portal page: signed out or not this patient any more. Nothing of theirs stays. */
const forgetWhenRedirected: SerwistPlugin = {
  fetchDidSucceed: async ({ response }) => {
    if (response.type === 'opaqueredirect' || response.redirected) await deletePortalCaches();
    return response;
  },
};

/** A portal page never saved on this device, asked for offline: say so plainly. */
const offlinePage: SerwistPlugin = {
  handlerDidError: async () => new Response(OFFLINE_PAGE_HTML, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } }),
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) => sameOrigin && isCachedPortalPage(url, request.headers),
      handler: new NetworkFirst({
        cacheName: PORTAL_CACHES.pages,
        // A weak signal (a trail, a gym basement) falls back to the saved page after 4 s.
        networkTimeoutSeconds: 4,
        plugins: [forgetWhenRedirected, new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 40, maxAgeSeconds: 14 * 24 * 3600 }), offlinePage],
      }),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && isExerciseDrawing(url),
      handler: new StaleWhileRevalidate({
        cacheName: PORTAL_CACHES.drawings,
        plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 120, maxAgeSeconds: 30 * 24 * 3600 })],
      }),
    },
  ],
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'CLEAR_PORTAL_CACHES') event.waitUntil(deletePortalCaches());
});

// Background Sync: the browser wakes the worker when the connection is back, even with the
// portal closed. A failed flush rejects, so the browser tries again later.
self.addEventListener('sync', (event: Event) => {
  const sync = event as ExtendableEvent & { tag: string };
  if (sync.tag !== OUTBOX_SYNC_TAG) return;
  sync.waitUntil(
    flushOutbox().then(({ waiting }) => {
      const channel = new BroadcastChannel(OUTBOX_CHANNEL);
      channel.postMessage('changed');
      channel.close();
      if (waiting > 0) throw new Error(`${waiting} entries still waiting`);
    }),
  );
});

serwist.addEventListeners();
