import type { TokenClaims } from '@/lib/auth/config';
import type { RequestSession } from '@/lib/auth/session';

let session: RequestSession = { claims: null, ip: null, userAgent: null };

export function currentSession(): RequestSession {
  return session;
}

/** Act as this user for the following calls, as if their browser sent a valid session. */
export function signInAs(user: { id: string; sessionVersion: number; roles: TokenClaims['roles'] }, ip = '203.0.113.7', claims: Partial<TokenClaims> = {}): void {
  const now = Math.floor(Date.now() / 1000);
  session = { claims: { uid: user.id, sv: user.sessionVersion, roles: user.roles, sat: now, lsa: now, idl: 60, ...claims }, ip, userAgent: 'vitest' };
}

export function signOut(): void {
  session = { claims: null, ip: null, userAgent: null };
}
