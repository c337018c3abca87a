import 'server-only';
import { headers } from 'next/headers';
import { trustedProxies } from '@/lib/auth/request-info';
import { env } from '@/lib/env';
import { appOriginFor, fallbackOrigin } from './app-origin';

/**
 * The origin for links handed out in this request (invite and reset links, the printed
 * handout): APP_URL when set, otherwise the address the browser used (lib/http/app-origin.ts).
 */
export async function appOrigin(): Promise<string> {
  const { APP_URL } = env();
  let requestHeaders: Headers | null = null;
  if (!APP_URL) {
    try {
      requestHeaders = await headers();
    } catch (error) {
      // Outside a request (a job, a script, a test) there is no browser address to use.
      // Anything else (Next.js's own control flow) goes on. (Not unstable_rethrow: the db
      // scripts run under the react-server condition, where next/navigation cannot load.)
      if (!(error instanceof Error && /outside a request scope/.test(error.message))) throw error;
    }
  }
  return appOriginFor(requestHeaders, { appUrl: APP_URL, port: process.env.PORT, trusted: trustedProxies() });
}

/** For work done outside a browser's request (background jobs): APP_URL or http://localhost:$PORT. */
export function configuredOrigin(): string {
  return fallbackOrigin(env().APP_URL, process.env.PORT);
}
