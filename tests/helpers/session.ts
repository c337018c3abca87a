import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { TokenClaims } from '@/lib/auth/config';
import type { RequestSession } from '@/lib/auth/session';

let session: RequestSession = { claims: null, ip: null, userAgent: null };
// The insert of each session's row, so concurrent calls of one session all wait for it.
const recorded = new Map<string, Promise<unknown>>();

export function currentSession(): RequestSession {
  return session;
}

/**
 * The session as readSession() would hand it over. A real sign-in records its session in
 * user_sessions; signInAs() stands for one, so its row is recorded here on first use (an
 * existing row, e.g. a revoked one, is left as it is).
 */
export async function currentSessionRecorded(): Promise<RequestSession> {
  const current = session;
  const claims = current.claims;
  if (claims) {
    let insert = recorded.get(claims.sid);
    if (!insert) {
      // Started once (a drizzle query runs again on every await of it).
      insert = (async () =>
        getDb().execute(
          sql`insert into user_sessions (id, practice_id, user_id, created_at, last_seen) select ${claims.sid}::uuid, practice_id, id, to_timestamp(${claims.sat}), now() from users where id = ${claims.uid}::uuid on conflict do nothing`,
        ))();
      recorded.set(claims.sid, insert);
    }
    await insert;
  }
  return current;
}

/**
 * Act as this user for the following calls, as if their browser sent a valid session: a new
 * session each call unless claims.sid (or the user's sessionId from verifyCredentials) names one.
 */
export function signInAs(
  user: { id: string; sessionVersion: number; roles: TokenClaims['roles']; sessionId?: string },
  ip = '203.0.113.7',
  claims: Partial<TokenClaims> = {},
): void {
  const now = Math.floor(Date.now() / 1000);
  session = { claims: { uid: user.id, sid: user.sessionId ?? randomUUID(), sv: user.sessionVersion, roles: user.roles, sat: now, lsa: now, idl: 60, ...claims }, ip, userAgent: 'vitest' };
}

export function signOut(): void {
  session = { claims: null, ip: null, userAgent: null };
}
