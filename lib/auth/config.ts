import type { NextAuthConfig } from 'next-auth';
import { z } from 'zod';
import { ROLES } from '@/db/schema';
import { decodeSessionToken, encodeSessionToken, parseCookieHeader, sessionCookieName, sessionCookieValue } from './session-token';

// The part of the Auth.js config that needs no database, shared by the full config
// and proxy.ts. The JWT carries only ids (the user's and the session's), a session version
// and the session's clock: requireActor() re-reads the user and the session on every request.
export const ABSOLUTE_SESSION_HOURS = 12;
/**
 * How often "last seen" moves forward: the token's (lsa) and the server's record of it
 * (user_activity, user_sessions; require-actor.ts). Idle limits are whole minutes.
 */
export const LAST_SEEN_STEP_SECONDS = 60;
/** Idle limit when a practice has none set (practices.settings.sessionIdleMinutes). */
export const DEFAULT_IDLE_MINUTES = 60;

const tokenClaims = z.object({
  uid: z.string().uuid(),
  /** The session's id (user_sessions.id): signing out revokes it on the server. */
  sid: z.string().uuid(),
  sv: z.number().int(),
  roles: z.array(z.enum(ROLES)),
  /** Signed in at (epoch seconds): the absolute lifetime counts from here. */
  sat: z.number().int(),
  /** Last seen at (epoch seconds): moved forward on every request the session makes. */
  lsa: z.number().int(),
  /** The practice's idle limit in minutes when the session began. */
  idl: z.number().int().min(1),
});
export type TokenClaims = z.infer<typeof tokenClaims>;

export function readClaims(value: unknown): TokenClaims | null {
  const parsed = tokenClaims.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export type SessionState = 'active' | 'idle' | 'expired';

/**
 * Whether a session may still be used: not past its absolute lifetime (counted from
 * sign-in, activity never extends it) and not unused for longer than its idle limit.
 */
export function sessionState(claims: Pick<TokenClaims, 'sat' | 'lsa' | 'idl'>, now = nowSeconds()): SessionState {
  if (now - claims.sat > ABSOLUTE_SESSION_HOURS * 3600) return 'expired';
  if (now - claims.lsa > claims.idl * 60) return 'idle';
  return 'active';
}

/**
 * A decoded session token as it continues on this request: null when its claims are missing
 * or the session is idle or expired, else the token, with "last seen" (lsa) moved to now when
 * it is a minute old or more. Auth.js's jwt callback (below) and the page's own read of the
 * cookie (lib/auth/session.ts) both decide with this, so the proxy and the page cannot disagree.
 */
export function continuedSession<T extends Record<string, unknown>>(token: T, now = nowSeconds()): T | null {
  const claims = readClaims(token);
  if (!claims || sessionState(claims, now) !== 'active') return null;
  // "Last seen" moves at most once a minute (LAST_SEEN_STEP_SECONDS): within the minute the
  // token is handed back as it came and the cookie keeps it, with no new encryption
  // (session-token.ts). A session may so end up to a minute before its idle limit, never after.
  if (now - claims.lsa < LAST_SEEN_STEP_SECONDS) return token;
  return { ...token, lsa: now };
}

/**
 * The claims of the session this request carries, read as Auth.js reads them (the cookie it would
 * pick, the same decode, continuedSession), or null. Pages, route handlers and server actions
 * use this (lib/auth/session.ts) instead of a second pass through Auth.js after proxy.ts's.
 * A token that is altered, expired or made with another secret or for another cookie name is
 * no session, as with Auth.js.
 */
export async function claimsFromCookieHeader(
  cookieHeader: string | null,
  requestHeaders: Pick<Headers, 'get'>,
  secret: string,
  environment: Record<string, string | undefined>,
  now = nowSeconds(),
): Promise<TokenClaims | null> {
  const salt = sessionCookieName(requestHeaders, environment);
  const token = sessionCookieValue(parseCookieHeader(cookieHeader ?? ''), salt);
  if (!token) return null;
  const decoded = await decodeSessionToken({ token, secret, salt }).catch(() => null);
  const continued = decoded ? continuedSession(decoded, now) : null;
  return continued ? readClaims(continued) : null;
}

/**
 * Auth.js's logger, but quiet about refused sign-ins: a wrong password, a throttled attempt or a
 * missing two-factor code is an answer, not a fault. Each is recorded in sign_in_attempts (the
 * throttle counts them) and in the audit trail (sign_in.failure, sign_in.throttled); Auth.js
 * printed every one as an error with a stack trace, which buried the errors an operator has to
 * act on. Every other error is logged whole.
 */
export const authLogger = {
  error(error: Error) {
    // Auth.js's errors name their kind in `type`; ours (throttled, two-factor) extend CredentialsSignin and keep it.
    if ((error as Error & { type?: unknown }).type === 'CredentialsSignin') return;
    console.error('[auth][error]', error);
  },
};

export const authConfig = {
  trustHost: true,
  logger: authLogger,
  pages: { signIn: '/login' },
  session: { strategy: 'jwt', maxAge: ABSOLUTE_SESSION_HOURS * 60 * 60 },
  // Auth.js's token format with the derived key kept instead of re-derived on every call
  // (lib/auth/session-token.ts; bench/session-token.ts measures the difference).
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  providers: [],
  callbacks: {
    // Runs whenever Auth.js reads a session: in proxy.ts on every page and action request,
    // which re-issues the cookie, so "last seen" moves forward. An idle or expired session is
    // dropped here (null clears the cookie). Pages and actions read the cookie themselves
    // with the same rule (lib/auth/session.ts).
    jwt({ token, user }) {
      if (user) {
        // First call after authorize(): copy our claims into the token.
        const claims = readClaims(user);
        if (claims) Object.assign(token, claims);
        return token;
      }
      return continuedSession(token);
    },
    session({ session, token }) {
      const claims = readClaims(token);
      return claims ? { ...session, claims } : session;
    },
  },
} satisfies NextAuthConfig;
