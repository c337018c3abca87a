// npx tsx bench/session-read.ts [reads] — what a page, route handler or server action pays to
// learn its session: a pass through Auth.js (until 2026-12-02 pages called auth(), a second run
// of what proxy.ts had just done: a Request, Auth.js's init with its CSRF token, the session
// action, the cookie it would re-issue and a response, all thrown away) against
// claimsFromCookieHeader (lib/auth/config.ts: the cookie read and decoded as Auth.js would, then
// the same continuedSession rule). Auth.js is driven here as proxy.ts drives it, since auth()
// without arguments needs a live request. Counts reads, not seconds: a fixed number of each, in
// alternating rounds so both see the same machine load. The cookie is what a browser sends after
// its first response (session token, CSRF token and callback URL), so neither side re-encrypts.
// Prints microseconds per read and the ratio.
import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authConfig, claimsFromCookieHeader, nowSeconds } from '../lib/auth/config';
import { encodeSessionToken, parseCookieHeader } from '../lib/auth/session-token';

const READS = Number(process.argv[2] ?? 4000);
const ROUNDS = 8;
const secret = 'bench-secret-0123456789abcdef0123456789abcdef';
const salt = 'authjs.session-token';
const now = nowSeconds();
const claims = { uid: '3f0c1d2e-0000-4000-8000-000000000001', sid: '3f0c1d2e-0000-4000-8000-000000000002', sv: 1, roles: ['physio', 'admin'], sat: now - 60, lsa: now - 5, idl: 60 };
const token = await encodeSessionToken({ token: claims, secret, salt, maxAge: 12 * 3600 });
const { auth } = NextAuth({ ...authConfig, secret });

type Handler = (request: NextRequest, event: unknown) => Promise<Response>; // auth()'s wrapper is typed for route handlers

// A browser's cookies after its first response: the CSRF and callback-URL cookies Auth.js sets.
const cookie = await cookiesAfterFirstResponse(`${salt}=${token}`);

async function cookiesAfterFirstResponse(start: string): Promise<string> {
  const handler = auth(() => undefined) as unknown as Handler;
  const response = await handler(new NextRequest('http://127.0.0.1:3000/dashboard', { headers: { cookie: start } }), {});
  const jar = parseCookieHeader(start);
  for (const [name, value] of parseCookieHeader(response.headers.getSetCookie().map((set) => set.split(';')[0]).join('; '))) jar.set(name, value);
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

const headersOf = () => new Headers({ cookie, 'x-forwarded-proto': 'http', host: '127.0.0.1:3000' });
const readers: Array<{ name: string; read: () => Promise<unknown> }> = [
  {
    name: "Auth.js's auth() (a second pass after proxy.ts)",
    read: async () => {
      let seen: unknown;
      const handler = auth((request) => {
        seen = request.auth;
        return new Response(null);
      }) as unknown as Handler;
      await handler(new NextRequest('http://127.0.0.1:3000/api/auth/session', { headers: headersOf() }), {});
      if (!seen) throw new Error('no session');
      return seen;
    },
  },
  {
    name: 'claimsFromCookieHeader (lib/auth/config.ts)',
    read: async () => {
      const h = headersOf();
      const found = await claimsFromCookieHeader(h.get('cookie'), h, secret, {});
      if (!found) throw new Error('no session');
      return found;
    },
  },
];

const elapsed = new Map(readers.map((r) => [r.name, 0]));
for (const r of readers) for (let i = 0; i < 300; i++) await r.read(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const r of round % 2 ? [...readers].reverse() : readers) {
    const started = performance.now();
    for (let i = 0; i < READS / ROUNDS; i++) await r.read();
    elapsed.set(r.name, elapsed.get(r.name)! + performance.now() - started);
  }
}
const perRead = readers.map((r) => ({ name: r.name, us: (elapsed.get(r.name)! * 1000) / READS }));
console.log(`the session of a request, read ${READS} times each, node ${process.version}`);
for (const r of perRead) console.log(`  ${r.name.padEnd(50)} ${r.us.toFixed(1).padStart(7)} µs`);
console.log(`  ratio: ${(perRead[1]!.us / perRead[0]!.us).toFixed(2)}`);
