// Which requests the portal's service worker may keep (lib/offline/sw.ts). Pure, so the
// rules are unit-tested: only the patient's own portal pages and the exercise drawings;
// never staff pages, API responses, server actions or Next's RSC fetches.

export const PORTAL_CACHES = { pages: 'loadline-portal-pages', drawings: 'loadline-drawings' } as const;

/** Portal pages (documents) that are kept for offline use. */
export function isCachedPortalPage(url: URL, headers: Headers): boolean {
  if (!/^\/portal(\/|$)/.test(url.pathname)) return false;
  // Next's client navigations and prefetches (RSC payloads): network only. Offline they fail
  // and Next loads the page as a document, which is answered from the cache.
  if (url.searchParams.has('_rsc') || headers.get('RSC') === '1' || headers.has('Next-Router-Prefetch')) return false;
  // A server action posts to the page's URL; only GETs reach runtime caching, but be plain about it.
  if (headers.has('Next-Action')) return false;
  return true;
}

export function isExerciseDrawing(url: URL): boolean {
  return /^\/api\/illustrations\/[a-z0-9-]+$/.test(url.pathname);
}

/** The portal pages every visit keeps fresh on the device, so they open offline. */
export const PORTAL_SHELL_PAGES = ['/portal', '/portal/log?tab=pain', '/portal/log?tab=session', '/portal/program'] as const;

export const OFFLINE_PAGE_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<title>Offline · Loadline</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5">' +
  '<h1 style="font-size:1.4rem">You are offline</h1><p>This page was not saved on this device. Today’s exercises and logging work offline:</p>' +
  '<p><a href="/portal" style="font-size:1.1rem">Open Today</a> · <a href="/portal/log?tab=pain" style="font-size:1.1rem">Log pain</a></p></body></html>';
