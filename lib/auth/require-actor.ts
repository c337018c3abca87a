import 'server-only';
import { and, eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { practices, userActivity, userSessions, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { can, homePath, type Permission } from '@/lib/access/policy';
import { AppError } from '@/lib/errors';
import { LAST_SEEN_STEP_SECONDS, nowSeconds } from './config';
import { readSession } from './session';

/**
 * Who is asking, or null. Re-reads the user and the session on every request (one query,
 * the session by its primary key), so a deactivated account, a changed role or a reset
 * password (all bump session_version) and a signed-out session (user_sessions.revoked_at)
 * take effect on the very next request. Cached per request by React.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const { claims, ip, userAgent } = await readSession();
  if (!claims) return null;
  const [row] = await getDb()
    .select({ user: users, practice: practices, lastSeenAt: userActivity.lastSeenAt, session: { lastSeen: userSessions.lastSeen, revokedAt: userSessions.revokedAt } })
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .leftJoin(userActivity, eq(userActivity.userId, users.id))
    .leftJoin(userSessions, and(eq(userSessions.id, claims.sid), eq(userSessions.userId, users.id)))
    .where(eq(users.id, claims.uid))
    .limit(1);
  if (!row || row.user.status !== 'active' || row.user.sessionVersion !== claims.sv) return null;
  // No row: a session this server never started (or a token from before sessions were recorded).
  if (!row.session || row.session.revokedAt) return null;
  if (!(await stillActive(row.user, row.lastSeenAt, claims.sat, row.practice.settings.sessionIdleMinutes))) return null;
  await noteSessionSeen(claims.sid, row.session.lastSeen);
  return {
    userId: row.user.id,
    practiceId: row.user.practiceId,
    roles: row.user.roles,
    patientId: row.user.patientId,
    name: row.user.name,
    email: row.user.email,
    timeZone: row.practice.timeZone,
    distanceUnit: row.practice.distanceUnit,
    twoFactorSetupRequired: Boolean(row.practice.settings.requireStaffTwoFactor && !row.user.roles.includes('patient') && !row.user.totpEnabledAt),
    ip,
    userAgent,
  };
});

/**
 * The token carries the idle limit of its sign-in. This applies the practice's limit as it
 * is now, so lowering it also ends sessions that are already open: idle since the account's
 * last request (or since this sign-in, if later) for longer than the limit means signed out.
 */
async function stillActive(user: { id: string; practiceId: string }, lastSeenAt: Date | null, signedInAt: number, idleMinutes: number): Promise<boolean> {
  const now = nowSeconds();
  const lastSeen = lastSeenAt ? Math.floor(lastSeenAt.getTime() / 1000) : 0;
  // Written once a minute (the token's own "last seen" step), so a session may end up to a minute
  // before its limit, never after.
  if (now - Math.max(lastSeen, signedInAt) > idleMinutes * 60) return false;
  if (now - lastSeen >= LAST_SEEN_STEP_SECONDS) {
    const seen = new Date(now * 1000);
    await getDb()
      .insert(userActivity)
      .values({ userId: user.id, practiceId: user.practiceId, lastSeenAt: seen })
      .onConflictDoUpdate({ target: userActivity.userId, set: { lastSeenAt: seen } });
  }
  return true;
}

/** The session's own "last seen" (shown on nothing yet, kept for diagnosis), also at most once a minute. */
async function noteSessionSeen(sessionId: string, lastSeen: Date): Promise<void> {
  const now = nowSeconds();
  if (now - Math.floor(lastSeen.getTime() / 1000) < LAST_SEEN_STEP_SECONDS) return;
  await getDb().update(userSessions).set({ lastSeen: new Date(now * 1000) }).where(eq(userSessions.id, sessionId));
}

/** Where staff who must enrol in two-factor sign-in are sent before anything else. */
export const TWO_FACTOR_SETUP_PATH = '/account/two-factor';

type Options = { /** Only for enrolment itself and signing out. */ twoFactorSetup?: boolean };

/** The one way server actions and data code learn who is asking. */
export async function requireActor(options: Options = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError('unauthenticated');
  if (actor.twoFactorSetupRequired && !options.twoFactorSetup) throw new AppError('forbidden', 'Set up two-factor sign-in first (Account, Two-factor sign-in).');
  return actor;
}

/** For pages: sign-in when there is no session, the user's home when the role lacks the permission. */
export async function requirePageActor(permission?: Permission, options: Options = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/login');
  if (actor.twoFactorSetupRequired && !options.twoFactorSetup) redirect(TWO_FACTOR_SETUP_PATH);
  if (permission && !can(actor, permission)) redirect(homePath(actor));
  return actor;
}
