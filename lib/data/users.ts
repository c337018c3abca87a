import 'server-only';
import { and, asc, eq, gt, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { accessTokens, patients, practices, users, type Role } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { AppError, notFound } from '@/lib/errors';
import type { StaffRole, USER_ROLE_FILTERS, USER_SORTS, USER_STATUSES } from '@/lib/validation/admin';
import { audit } from './audit';

// The practice's accounts, for admins. Every change that affects access bumps the
// account's session version, so its open sessions are refused on their next request.

export type UserListQuery = {
  search?: string;
  role?: (typeof USER_ROLE_FILTERS)[number];
  status?: (typeof USER_STATUSES)[number];
  sort?: (typeof USER_SORTS)[number];
  dir?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

const toDate = (v: string | Date | null | undefined) => (v === null || v === undefined ? null : new Date(v));
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page of the practice's accounts, filtered, sorted and paged in the database. */
export async function listUsers(actor: Actor, query: UserListQuery = {}) {
  assertCan(actor, 'user:manage');
  const pageSize = Math.min(Math.max(query.pageSize ?? 25, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const filters: (SQL | undefined)[] = [eq(users.practiceId, actor.practiceId)];
  if (query.role === 'staff') filters.push(sql`NOT ('patient' = ANY(${users.roles}))`);
  else if (query.role) filters.push(sql`${query.role} = ANY(${users.roles})`);
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.search?.trim()) {
    const term = `%${escapeLike(query.search.trim())}%`;
    filters.push(or(ilike(users.name, term), ilike(users.email, term)));
  }
  const dir = query.dir === 'desc' ? sql`DESC` : sql`ASC`;
  const orderBy = {
    name: sql`lower(${users.name}) ${dir}`,
    email: sql`lower(${users.email}) ${dir}`,
    status: sql`${users.status} ${dir}, lower(${users.name}) ASC`,
    lastSignIn: sql`${users.lastSignInAt} ${dir} NULLS LAST`,
  }[query.sort ?? 'name'];
  const where = and(...filters);
  const db = getDb();
  // Subqueries name "users"."id" in full: drizzle leaves columns unqualified in a single-table select.
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        roles: users.roles,
        status: users.status,
        lastSignInAt: users.lastSignInAt,
        patientId: users.patientId,
        activePatients: sql<number>`(SELECT count(*)::int FROM patients p WHERE p.practice_id = ${actor.practiceId} AND p.treating_physio_id = "users"."id" AND p.status = 'active')`,
        // The open invitation link's expiry; null when there is none left that works.
        inviteExpiresAt: sql<string | null>`(SELECT max(t.expires_at) FROM access_tokens t WHERE t.user_id = "users"."id" AND t.purpose = 'invite' AND t.used_at IS NULL AND t.expires_at > now())`,
      })
      .from(users)
      .where(where)
      .orderBy(orderBy, asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, lastSignInAt: toDate(r.lastSignInAt), inviteExpiresAt: toDate(r.inviteExpiresAt) })),
    total: total?.n ?? 0,
    page,
    pageSize,
  };
}

export type UserListRow = Awaited<ReturnType<typeof listUsers>>['rows'][number];

/** One account of the practice with what its page needs; another practice's id is not found. */
export async function getUser(actor: Actor, userId: string) {
  assertCan(actor, 'user:manage');
  const db = getDb();
  const [row] = await db
    .select({ user: users, patientFirst: patients.firstName, patientLast: patients.lastName })
    .from(users)
    .leftJoin(patients, eq(patients.id, users.patientId))
    .where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId)))
    .limit(1);
  if (!row) throw notFound('Account not found.');
  const [counts] = await db
    .select({
      active: sql<number>`count(*) FILTER (WHERE ${patients.status} = 'active')::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(patients)
    .where(and(eq(patients.practiceId, actor.practiceId), eq(patients.treatingPhysioId, userId)));
  const [invite] = await db
    .select({ expiresAt: sql<string | null>`max(${accessTokens.expiresAt})` })
    .from(accessTokens)
    .where(and(eq(accessTokens.practiceId, actor.practiceId), eq(accessTokens.userId, userId), isNull(accessTokens.usedAt), gt(accessTokens.expiresAt, new Date())));
  // The encrypted TOTP secret never leaves here: whether two-factor is on is enough.
  const { passwordHash, totpSecret: _secret, totpLastStep: _step, ...user } = row.user;
  return {
    ...user,
    hasPassword: Boolean(passwordHash),
    twoFactorOn: Boolean(user.totpEnabledAt),
    patientName: row.patientFirst ? `${row.patientFirst} ${row.patientLast}` : null,
    patients: { active: counts?.active ?? 0, all: counts?.all ?? 0 },
    openLinkExpiresAt: toDate(invite?.expiresAt),
  };
}

/** Counts for the admin overview. */
export async function accountSummary(actor: Actor) {
  assertCan(actor, 'user:manage');
  const [row] = await getDb()
    .select({
      activeStaff: sql<number>`count(*) FILTER (WHERE ${users.status} = 'active' AND NOT ('patient' = ANY(${users.roles})))::int`,
      invited: sql<number>`count(*) FILTER (WHERE ${users.status} = 'invited')::int`,
      deactivated: sql<number>`count(*) FILTER (WHERE ${users.status} = 'deactivated')::int`,
      activePatients: sql<number>`count(*) FILTER (WHERE ${users.status} = 'active' AND 'patient' = ANY(${users.roles}))::int`,
      activeAdmins: sql<number>`count(*) FILTER (WHERE ${users.status} = 'active' AND 'admin' = ANY(${users.roles}))::int`,
    })
    .from(users)
    .where(eq(users.practiceId, actor.practiceId));
  return row ?? { activeStaff: 0, invited: 0, deactivated: 0, activePatients: 0, activeAdmins: 0 };
}

/** Staff of the practice (any status), for pickers such as the audit log's person filter. */
export async function listStaff(actor: Actor, options: { activePhysiosOnly?: boolean } = {}) {
  assertCan(actor, 'user:manage');
  const filters: SQL[] = [eq(users.practiceId, actor.practiceId), sql`NOT ('patient' = ANY(${users.roles}))`];
  if (options.activePhysiosOnly) filters.push(sql`'physio' = ANY(${users.roles})`, eq(users.status, 'active'));
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, roles: users.roles, status: users.status })
    .from(users)
    .where(and(...filters))
    .orderBy(asc(users.name));
}

/**
 * Serialises changes to who holds access in one practice (row lock on the practice), so
 * two admins demoting each other at once cannot leave the practice without an admin. NO KEY
 * UPDATE, not UPDATE: under FOR UPDATE every insert in the practice (a pain log, an audit
 * event: they all reference the practice) waited on its foreign-key check until the role
 * change committed.
 */
async function lockPractice(tx: Tx, practiceId: string) {
  await tx.select({ id: practices.id }).from(practices).where(eq(practices.id, practiceId)).for('no key update');
}

async function scopedUser(tx: Tx, actor: Actor, userId: string) {
  const [user] = await tx.select().from(users).where(and(eq(users.id, userId), eq(users.practiceId, actor.practiceId))).limit(1);
  if (!user) throw notFound('Account not found.');
  return user;
}

async function otherActiveAdmins(tx: Tx, practiceId: string, exceptUserId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.practiceId, practiceId), ne(users.id, exceptUserId), eq(users.status, 'active'), sql`'admin' = ANY(${users.roles})`));
  return row?.n ?? 0;
}

const lastAdminError = (actor: Actor, user: { id: string; name: string }, field: string) =>
  new AppError(
    'invalid',
    user.id === actor.userId
      ? 'You are the only active admin of this practice: make someone else an admin first.'
      : `${user.name} is the only active admin of this practice: make someone else an admin first.`,
    { [field]: ['The practice must keep at least one active admin'] },
  );

const bump = sql`${users.sessionVersion} + 1`;

/** Deactivate (access ends on the next request) or reactivate an account. */
export async function setUserStatus(actor: Actor, userId: string, status: 'active' | 'deactivated'): Promise<{ status: (typeof users.$inferSelect)['status'] }> {
  assertCan(actor, 'user:manage');
  return getDb().transaction(async (tx) => {
    await lockPractice(tx, actor.practiceId);
    const user = await scopedUser(tx, actor, userId);
    const now = new Date();
    if (status === 'deactivated') {
      if (user.status === 'deactivated') return { status: user.status };
      if (user.id === actor.userId) throw new AppError('invalid', 'You cannot deactivate your own account: ask another admin.', { userId: ['Not your own account'] });
      if (user.status === 'active' && user.roles.includes('admin') && (await otherActiveAdmins(tx, actor.practiceId, user.id)) === 0) throw lastAdminError(actor, user, 'userId');
      await tx.update(users).set({ status: 'deactivated', sessionVersion: bump, updatedAt: now }).where(and(eq(users.id, user.id), eq(users.practiceId, actor.practiceId)));
      // Pending invitation or reset links stop working too.
      await tx.update(accessTokens).set({ expiresAt: now }).where(and(eq(accessTokens.userId, user.id), isNull(accessTokens.usedAt), gt(accessTokens.expiresAt, now)));
      await audit(tx, actor, { action: 'user.deactivate', entity: 'user', entityId: user.id, patientId: user.patientId, meta: { previousStatus: user.status } });
      return { status: 'deactivated' as const };
    }
    if (user.status !== 'deactivated') return { status: user.status };
    // An account that never set a password goes back to "invited": send it a new link.
    const next = user.passwordHash ? ('active' as const) : ('invited' as const);
    await tx.update(users).set({ status: next, sessionVersion: bump, updatedAt: now }).where(and(eq(users.id, user.id), eq(users.practiceId, actor.practiceId)));
    await audit(tx, actor, { action: 'user.reactivate', entity: 'user', entityId: user.id, patientId: user.patientId, meta: { status: next } });
    return { status: next };
  });
}

/** Change a staff account's roles (physio, admin or both). A patient account is only ever a patient. */
export async function changeUserRoles(actor: Actor, userId: string, roles: StaffRole[]): Promise<{ roles: Role[] }> {
  assertCan(actor, 'user:manage');
  const next: Role[] = [...new Set(roles)].sort();
  if (next.length === 0 || next.some((r) => r !== 'physio' && r !== 'admin')) {
    throw new AppError('invalid', 'Please check the highlighted fields.', { roles: ['Choose physio, admin or both'] });
  }
  return getDb().transaction(async (tx) => {
    await lockPractice(tx, actor.practiceId);
    const user = await scopedUser(tx, actor, userId);
    if (user.patientId || user.roles.includes('patient')) {
      throw new AppError('invalid', 'A patient account is only ever a patient: its role cannot change.', { roles: ['Patient accounts keep the patient role'] });
    }
    const before = [...user.roles].sort();
    if (before.join() === next.join()) return { roles: before };
    const losesAdmin = before.includes('admin') && !next.includes('admin');
    if (losesAdmin && user.status === 'active' && (await otherActiveAdmins(tx, actor.practiceId, user.id)) === 0) throw lastAdminError(actor, user, 'roles');
    // Four eyes on one's own access: a role an admin gives themselves (the physio role opens
    // every clinical record) needs another active admin where there is one. The only active
    // admin may, and the event says it was a self-grant.
    const selfGrant = user.id === actor.userId && next.some((r) => !before.includes(r));
    if (selfGrant && (await otherActiveAdmins(tx, actor.practiceId, user.id)) > 0) {
      throw new AppError('invalid', 'You cannot give yourself a new role while the practice has another active admin: ask another admin to make this change, so a second person approves it.', {
        roles: ['Another admin must approve a role you give yourself'],
      });
    }
    await tx.update(users).set({ roles: next, sessionVersion: bump, updatedAt: new Date() }).where(and(eq(users.id, user.id), eq(users.practiceId, actor.practiceId)));
    await audit(tx, actor, { action: 'user.roles_change', entity: 'user', entityId: user.id, meta: { before, after: next, ...(selfGrant ? { selfGrant: true } : {}) } });
    return { roles: next };
  });
}

/** Hand every patient of a departing physio (any status) to another active physio, in one step. */
export async function reassignPatients(actor: Actor, fromUserId: string, toUserId: string): Promise<{ moved: number }> {
  assertCan(actor, 'user:manage');
  if (fromUserId === toUserId) throw new AppError('invalid', 'Please check the highlighted fields.', { toUserId: ['Choose a different physio'] });
  return getDb().transaction(async (tx) => {
    const from = await scopedUser(tx, actor, fromUserId);
    const to = await scopedUser(tx, actor, toUserId);
    if (to.status !== 'active' || !to.roles.includes('physio')) {
      throw new AppError('invalid', 'Please check the highlighted fields.', { toUserId: ['Choose an active physio of your practice'] });
    }
    const moved = await tx
      .update(patients)
      .set({ treatingPhysioId: to.id, updatedAt: new Date() })
      .where(and(eq(patients.practiceId, actor.practiceId), eq(patients.treatingPhysioId, from.id)))
      .returning({ id: patients.id });
    // One event per patient, so each record's history says who moved it and to whom.
    for (const { id } of moved) {
      await audit(tx, actor, { action: 'patient.reassign', entity: 'patient', entityId: id, patientId: id, meta: { from: from.id, fromName: from.name, to: to.id, toName: to.name } });
    }
    return { moved: moved.length };
  });
}
