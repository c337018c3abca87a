import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { userSessions, users } from '@/db/schema';
import { readSession } from '@/lib/auth/session';
import { reasonFor, type SessionEndedReason } from './session-ended';

/**
 * For the sign-in page when getActor() answered null: if the browser still carries a signed
 * session cookie that was refused because of a change to the account (see reasonFor), why.
 */
export async function refusedSessionReason(): Promise<SessionEndedReason | null> {
  const { claims } = await readSession();
  if (!claims) return null;
  const [row] = await getDb()
    .select({ user: { status: users.status, sessionVersion: users.sessionVersion, roles: users.roles }, session: { revokedAt: userSessions.revokedAt } })
    .from(users)
    .leftJoin(userSessions, and(eq(userSessions.id, claims.sid), eq(userSessions.userId, users.id)))
    .where(eq(users.id, claims.uid))
    .limit(1);
  const revokedAt = row?.session?.revokedAt ?? null;
  let endedTogether = 0;
  if (revokedAt) {
    const [together] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(userSessions)
      .where(and(eq(userSessions.userId, claims.uid), eq(userSessions.revokedAt, revokedAt)));
    endedTogether = together?.n ?? 0;
  }
  return reasonFor({ claims, user: row?.user ?? null, session: row?.session ? { revokedAt, endedTogether } : null });
}
