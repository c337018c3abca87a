import { z } from 'zod';

// Why a session was refused, said on the sign-in page. Two sources: the refused session's own
// cookie (the sign-in page compares it with the account as it is now: see reasonFor), and
// ?reason= from our own redirects, validated against this allow-list (lib/validation/search-params.ts
// rules: anything else is ignored, never shown).

export const SESSION_ENDED_REASONS = ['roles-changed', 'deactivated', 'password-changed', 'signed-out-everywhere'] as const;
export type SessionEndedReason = (typeof SESSION_ENDED_REASONS)[number];

export const sessionEndedReason = z.enum(SESSION_ENDED_REASONS).optional().catch(undefined);

export const SESSION_ENDED_MESSAGES: Record<SessionEndedReason, string> = {
  'roles-changed': 'Your access was changed by an admin; please sign in again.',
  deactivated: 'Your account has been deactivated, so you were signed out. If this is unexpected, contact your practice.',
  'password-changed': 'Your password was changed, so you were signed out everywhere. Sign in with your new password.',
  'signed-out-everywhere': 'You were signed out on all devices. Please sign in again.',
};

/** The refused token's claims and the account and session as they are now (null: gone). */
export type RefusedSession = {
  claims: { sv: number; roles: readonly string[] };
  user: { status: string; sessionVersion: number; roles: readonly string[] } | null;
  /** endedTogether: how many of the account's sessions were ended in the same statement as this one. */
  session: { revokedAt: Date | null; endedTogether?: number } | null;
};

const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Why requireActor() refused this session, when an admin or the person did it: deactivated,
 * roles changed, password changed (all bump the session version), or every session of the
 * account revoked ("sign out everywhere"). Null for anything else (a session that simply
 * idled out has no cookie left to read).
 */
export function reasonFor({ claims, user, session }: RefusedSession): SessionEndedReason | null {
  if (!user) return null;
  if (user.status === 'deactivated') return 'deactivated';
  if (user.sessionVersion !== claims.sv) return sameRoles(user.roles, claims.roles) ? 'password-changed' : 'roles-changed';
  // "Sign out everywhere" ends every session at one instant; one session ended alone was
  // signed out itself (its cookie cleared), so this is a copy of that cookie: nothing to say.
  if (session?.revokedAt && (session.endedTogether ?? 1) > 1) return 'signed-out-everywhere';
  return null;
}
