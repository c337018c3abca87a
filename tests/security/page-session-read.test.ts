// Pages, route handlers and server actions read the session cookie themselves
// (claimsFromCookieHeader, lib/auth/config.ts) instead of a second pass through Auth.js after
// proxy.ts's. Both must give the same answer for every cookie a browser or an attacker can send:
// each case below is read by Auth.js and by the page's read, and the claims (or no session) must
// match.
import { Auth, createActionURL } from '@auth/core'; // next-auth's own engine (an exact dependency of next-auth)
import { encode as authEncode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { authConfig, claimsFromCookieHeader, nowSeconds, type TokenClaims } from '@/lib/auth/config';
import { encodeSessionToken, parseCookieHeader, sessionCookieName, sessionCookieValue } from '@/lib/auth/session-token';

const secret = 'page-session-read-test-secret-0123456789ab';
const other = 'another-secret-0123456789abcdef0123456789';
const plain = 'authjs.session-token';
const secure = '__Secure-authjs.session-token';
// Auth.js logs each refused token as an error; here every refusal is expected.
const config = { ...authConfig, secret, basePath: '/api/auth', logger: { error: () => undefined } };

/**
 * What Auth.js answers for the request's session, as next-auth's auth() asks it (in a page until
 * 2026-12-02, and in proxy.ts, through the same Auth() call): the session action's URL from the
 * forwarded protocol and host, the request's cookies, the JSON it returns.
 */
async function authjsClaims(cookie: string, https: boolean): Promise<TokenClaims | null> {
  const headers = new Headers({ cookie, host: 'clinic.example', 'x-forwarded-proto': https ? 'https' : 'http' });
  const url = createActionURL('session', headers.get('x-forwarded-proto') ?? 'https', headers, {}, config);
  const response = await Auth(new Request(url, { headers: { cookie } }), config);
  if (!response.ok) return null;
  const session = (await response.json()) as { claims?: TokenClaims } | null;
  return session?.claims ?? null;
}

/** What a page sees. */
function pageClaims(cookie: string, https: boolean): Promise<TokenClaims | null> {
  return claimsFromCookieHeader(cookie, new Headers({ 'x-forwarded-proto': https ? 'https' : 'http' }), secret, {});
}

function claimsAt(now: number, change: Partial<TokenClaims> = {}): TokenClaims {
  return { uid: '6f1e2d3c-0000-4000-8000-000000000001', sid: '6f1e2d3c-0000-4000-8000-000000000002', sv: 3, roles: ['physio'], sat: now - 600, lsa: now - 10, idl: 60, ...change };
}

const token = (claims: Record<string, unknown>, options: { secret?: string; salt?: string; maxAge?: number } = {}) =>
  encodeSessionToken({ token: claims, secret: options.secret ?? secret, salt: options.salt ?? plain, maxAge: options.maxAge ?? 12 * 3600 });

describe("a page's own read of the session cookie", () => {
  it('agrees with Auth.js on every kind of cookie', async () => {
    const now = nowSeconds();
    const valid = await token(claimsAt(now));
    const validSecure = await token(claimsAt(now), { salt: secure });
    const alteredAt = Math.floor(valid.length / 2);
    const cases: Array<{ name: string; cookie: string; https?: boolean; session: boolean }> = [
      { name: 'a valid session', cookie: `${plain}=${valid}`, session: true },
      { name: 'a valid session beside other cookies', cookie: `authjs.csrf-token=abc; ${plain}=${valid}; theme=dark`, session: true },
      { name: 'a session last seen two minutes ago ("last seen" moves)', cookie: `${plain}=${await token(claimsAt(now, { lsa: now - 120 }))}`, session: true },
      { name: 'an idle session (unused past its limit)', cookie: `${plain}=${await token(claimsAt(now, { lsa: now - 61 * 60 }))}`, session: false },
      { name: 'a session past its 12 hours', cookie: `${plain}=${await token(claimsAt(now, { sat: now - 12 * 3600 - 5, lsa: now - 5 }))}`, session: false },
      { name: 'a token past its expiry', cookie: `${plain}=${await token(claimsAt(now), { maxAge: -60 })}`, session: false },
      { name: 'an altered token', cookie: `${plain}=${valid.slice(0, alteredAt)}${valid[alteredAt] === 'A' ? 'B' : 'A'}${valid.slice(alteredAt + 1)}`, session: false },
      { name: 'a token made with another secret', cookie: `${plain}=${await token(claimsAt(now), { secret: other })}`, session: false },
      { name: "a token made for the other cookie name", cookie: `${plain}=${validSecure}`, session: false },
      { name: 'a token without our claims', cookie: `${plain}=${await token({ sub: 'x', uid: 'not-a-uuid' })}`, session: false },
      { name: 'garbage', cookie: `${plain}=not-a-token`, session: false },
      { name: 'no cookie', cookie: '', session: false },
      { name: 'the token cut into chunks', cookie: `${plain}.1=${valid.slice(200)}; ${plain}.0=${valid.slice(0, 200)}`, session: true },
      { name: 'the name twice, the valid one first', cookie: `${plain}=${valid}; ${plain}=not-a-token`, session: true },
      { name: 'the name twice, garbage first', cookie: `${plain}=not-a-token; ${plain}=${valid}`, session: false },
      { name: 'an Auth.js-issued token', cookie: `${plain}=${await authEncode({ token: claimsAt(now), secret, salt: plain, maxAge: 3600 })}`, session: true },
      { name: 'over HTTPS, the __Secure- cookie', cookie: `${secure}=${validSecure}`, https: true, session: true },
      { name: 'over HTTPS, only the plain cookie', cookie: `${plain}=${valid}`, https: true, session: false },
      { name: 'over HTTP, only the __Secure- cookie', cookie: `${secure}=${validSecure}`, https: false, session: false },
    ];
    for (const c of cases) {
      const https = c.https ?? false;
      const [theirs, ours] = await Promise.all([authjsClaims(c.cookie, https), pageClaims(c.cookie, https)]);
      expect({ case: c.name, session: ours !== null }).toEqual({ case: c.name, session: c.session });
      expect({ case: c.name, claims: ours }).toEqual({ case: c.name, claims: theirs });
    }
  });

  it('picks the cookie name Auth.js picks for a server component', () => {
    const h = (proto?: string) => new Headers(proto ? { 'x-forwarded-proto': proto } : {});
    expect(sessionCookieName(h('http'), {})).toBe(plain);
    expect(sessionCookieName(h('https'), {})).toBe(secure);
    expect(sessionCookieName(h(), {})).toBe(secure); // no forwarded protocol: Auth.js assumes https
    expect(sessionCookieName(h('https, http'), {})).toBe(secure); // a proxy chain: the browser's protocol first
    expect(sessionCookieName(h('http'), { AUTH_URL: 'https://clinic.example' })).toBe(secure);
    expect(sessionCookieName(h('https'), { NEXTAUTH_URL: 'http://127.0.0.1:3000' })).toBe(plain);
  });

  it('parses a Cookie header as Auth.js does and joins chunks in order', () => {
    const jar = parseCookieHeader(' a = 1 ; b=%41%42; c=%E0%A4%A; a=2; flag; =x');
    expect([...jar]).toEqual([['a', '1'], ['b', 'AB'], ['c', '%E0%A4%A']]);
    const chunks = parseCookieHeader(`${plain}.2=C; ${plain}.0=A; ${plain}.1=B; other=Z`);
    expect(sessionCookieValue(chunks, plain)).toBe('ABC');
    expect(sessionCookieValue(parseCookieHeader('other=Z'), plain)).toBeUndefined();
    expect(sessionCookieValue(parseCookieHeader(`${plain}=`), plain)).toBeUndefined();
  });
});
