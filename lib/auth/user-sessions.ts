import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { userSessions } from '@/db/schema';
import { ABSOLUTE_SESSION_HOURS } from './config';

// Server-side sessions: one user_sessions row per sign-in, its random id in the token
// (the `sid` claim). requireActor() refuses a token whose row is missing or revoked, so
// signing out ends that one session for good (a copied cookie stops working) while the
// account's other sessions go on; "sign out everywhere" revokes every row of the account.

/** Records a new sign-in and returns the id the token carries. */
export async function startSession(db: Db, user: { id: string; practiceId: string }): Promise<string> {
  const id = randomUUID();
  await db.insert(userSessions).values({ id, userId: user.id, practiceId: user.practiceId });
  return id;
}

/** Ends one session of this user (a no-op when it is already ended or is not theirs). */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return ended.length > 0;
}

/** Ends every open session of this user; returns how many were open. */
export async function revokeAllSessions(db: Db, userId: string): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return ended.length;
}

/** Forgets sessions past their absolute lifetime (no token can use them any more); hourly, with the job poller. */
export async function pruneEndedSessions(db: Db): Promise<number> {
  const gone = await db
    .delete(userSessions)
    .where(lt(userSessions.createdAt, sql`now() - ${`${ABSOLUTE_SESSION_HOURS + 1} hours`}::interval`))
    .returning({ id: userSessions.id });
  return gone.length;
}
