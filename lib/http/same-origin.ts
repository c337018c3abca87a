import 'server-only';
import { trustedProxies } from '@/lib/auth/request-info';
import { env } from '@/lib/env';
import { fallbackOrigin, requestOrigin } from '@/lib/http/app-origin';

/**
 * Cross-site request forgery guard for the app's own POST routes (the portal's outbox, run-file
 * uploads), as Next.js does for server actions: the browser's Origin must be this app's (the
 * address the request was sent to, or APP_URL), and a browser's Sec-Fetch-Site, when sent,
 * must say same-origin.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') return false;
  const origin = headers.get('origin');
  if (!origin) return false;
  const allowed = new Set<string>();
  const own = requestOrigin(headers, trustedProxies());
  if (own) allowed.add(own);
  const { APP_URL } = env();
  if (APP_URL) allowed.add(new URL(fallbackOrigin(APP_URL, undefined)).origin);
  return allowed.has(origin.toLowerCase());
}
