import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { authConfig } from '@/lib/auth/config';
import { env } from '@/lib/env';
import { separateForwardedFor } from '@/lib/http/client-address';
import { contentSecurityPolicy, createNonce, securityHeaders } from '@/lib/http/security-headers';

// Runs before every page, server action and route handler (see the matcher):
//  1. Reads the session through Auth.js with the database-free config. That drops idle
//     or expired sessions (and clears their cookie) and re-issues the cookie of an
//     active one, which is how "last seen" moves forward (lib/auth/config.ts).
//  2. Convenience only: sends visitors without a usable session to /login before any
//     rendering. Every page, data function and server action still verifies the session
//     and the user's current roles itself.
//  3. Sets the security headers, with a fresh CSP nonce that Next.js puts on its scripts.
//  4. Moves the incoming X-Forwarded-For aside so Next.js writes the socket address in its
//     place: the client's address comes from there (lib/http/client-address.ts). Auth.js's
//     own endpoints get only this step.
const { auth } = NextAuth(() => ({ ...authConfig, secret: env().AUTH_SECRET }));

/** Pages for people who are not signed in (and the reminders' signed unsubscribe link): headers, never the redirect. */
const PUBLIC_PAGES = /^\/(login|invite|reset|api\/reminders\/unsubscribe)(\/|$)/;

const withSession = auth((request) => {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce);
  let response: NextResponse;
  if (!request.auth && !PUBLIC_PAGES.test(request.nextUrl.pathname)) {
    response = NextResponse.redirect(new URL('/login', request.nextUrl));
  } else {
    const forwarded = separateForwardedFor(new Headers(request.headers));
    forwarded.set('x-nonce', nonce);
    forwarded.set('Content-Security-Policy', csp);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
  return response;
});

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (/^\/api\/auth(\/|$)/.test(request.nextUrl.pathname)) {
    return NextResponse.next({ request: { headers: separateForwardedFor(new Headers(request.headers)) } });
  }
  // With a lazy config, Auth.js hands back the wrapped handler as a promise (typed as a
  // route handler; our callback above takes only the request).
  const handler = (await withSession) as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;
  return handler(request, event);
}

export const config = {
  // Everything except the health check and static files (Auth.js's own endpoints only get
  // their X-Forwarded-For moved aside, see proxy() above). The web app manifest and its icons
  // are fetched without cookies, so they must not be redirected to /login; the portal's
  // service worker script (/serwist/sw.js) is code only, no data.
  matcher: ['/((?!api/health|_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest|icons/|serwist/).*)'],
};
