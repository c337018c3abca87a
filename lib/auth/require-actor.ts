import 'server-only';
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { practices, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { can, homePath, type Permission } from '@/lib/access/policy';
import { AppError } from '@/lib/errors';
import { readSession } from './session';

/**
 * Who is asking, or null. Re-reads the user on every request, so a deactivated
 * account, a changed role or a reset password (all bump session_version) takes
 * effect on the very next request. Cached per request by React.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const { claims, ip, userAgent } = await readSession();
  if (!claims) return null;
  const [row] = await getDb()
    .select({ user: users, practice: practices })
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(eq(users.id, claims.uid))
    .limit(1);
  if (!row || row.user.status !== 'active' || row.user.sessionVersion !== claims.sv) return null;
  return {
    userId: row.user.id,
    practiceId: row.user.practiceId,
    roles: row.user.roles,
    patientId: row.user.patientId,
    name: row.user.name,
    email: row.user.email,
    timeZone: row.practice.timeZone,
    distanceUnit: row.practice.distanceUnit,
    ip,
    userAgent,
  };
});

/** The one way server actions and data code learn who is asking. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError('unauthenticated');
  return actor;
}

/** For pages: sign-in when there is no session, the user's home when the role lacks the permission. */
export async function requirePageActor(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/login');
  if (permission && !can(actor, permission)) redirect(homePath(actor));
  return actor;
}
