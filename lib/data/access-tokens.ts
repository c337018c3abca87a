import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import { accessTokens, practices, users } from '@/db/schema';
import type { Actor } from '@/lib/access/actor';
import { hashPassword } from '@/lib/auth/password';
import { AppError } from '@/lib/errors';
import { passwordProblems } from '@/lib/validation/password';
import { auditSystem } from './audit';

// The life of a one-time link (invite or reset): issued as a random token whose SHA-256
// alone is stored, read by the set-password page, used once within 7 days. Issuing a new
// link for an account retires its older unused ones. Who may issue links: invites.ts.
export const TOKEN_TTL_DAYS = 7;
export type TokenPurpose = 'invite' | 'reset';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** The link to hand out; origin: APP_URL or the address the issuer's browser used (lib/http/request-origin.ts). */
export const linkFor = (purpose: TokenPurpose, token: string, origin: string) => `${origin.replace(/\/+$/, '')}/${purpose}/${token}`;

export type Issued = { token: string; expiresAt: Date; user: { id: string; email: string; name: string } };

/** A fresh token for the user; every older unused link of theirs stops working. */
export async function issueToken(tx: Tx, actor: Actor, user: Issued['user'], purpose: TokenPurpose): Promise<Issued> {
  const now = new Date();
  await tx
    .update(accessTokens)
    .set({ expiresAt: now })
    .where(and(eq(accessTokens.practiceId, actor.practiceId), eq(accessTokens.userId, user.id), isNull(accessTokens.usedAt), gt(accessTokens.expiresAt, now)));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_DAYS * 86_400_000);
  await tx.insert(accessTokens).values({ practiceId: actor.practiceId, userId: user.id, purpose, tokenHash: hashToken(token), expiresAt, createdBy: actor.userId });
  return { token, expiresAt, user };
}

export type TokenInfo =
  | { state: 'valid'; purpose: TokenPurpose; name: string; email: string; practiceName: string; expiresAt: Date }
  | { state: 'invalid' | 'used' | 'expired' };

async function findToken(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await getDb()
    .select({ token: accessTokens, user: users, practiceName: practices.name })
    .from(accessTokens)
    .innerJoin(users, and(eq(users.id, accessTokens.userId), eq(users.practiceId, accessTokens.practiceId)))
    .innerJoin(practices, eq(practices.id, accessTokens.practiceId))
    .where(eq(accessTokens.tokenHash, hashToken(token)))
    .limit(1);
  return row;
}

type Found = NonNullable<Awaited<ReturnType<typeof findToken>>>;
const expectedStatus = (purpose: TokenPurpose) => (purpose === 'invite' ? 'invited' : 'active');

function stateOf(row: Found | undefined, purpose: TokenPurpose): TokenInfo['state'] {
  if (!row || row.token.purpose !== purpose) return 'invalid';
  if (row.token.usedAt) return 'used';
  if (row.token.expiresAt.getTime() <= Date.now()) return 'expired';
  if (row.user.status !== expectedStatus(purpose)) return 'invalid';
  return 'valid';
}

/** What the set-password page shows before anything is submitted (reading never uses the link up). */
export async function describeToken(token: string, purpose: TokenPurpose): Promise<TokenInfo> {
  const row = await findToken(token);
  const state = stateOf(row, purpose);
  if (state !== 'valid' || !row) return { state: state === 'valid' ? 'invalid' : state };
  return { state, purpose, name: row.user.name, email: row.user.email, practiceName: row.practiceName, expiresAt: row.token.expiresAt };
}

const STATE_MESSAGES: Record<Exclude<TokenInfo['state'], 'valid'>, string> = {
  invalid: 'This link is not valid. Ask your practice for a new one.',
  used: 'This link has already been used. Sign in, or ask your practice for a new link.',
  expired: 'This link has expired. Ask your practice for a new one.',
};

/**
 * Set the password through a link: no session, the token is the proof. Single use (the
 * claim is one conditional update, so two tabs cannot both succeed); activates an invited
 * account; a reset ends every open session of the account (session version bump).
 */
export async function acceptToken(
  token: string,
  password: string,
  request: { ip: string | null; userAgent: string | null } = { ip: null, userAgent: null },
  purpose?: TokenPurpose,
): Promise<{ purpose: TokenPurpose; email: string }> {
  const row = await findToken(token);
  const state = stateOf(row, purpose ?? row?.token.purpose ?? 'invite');
  if (state !== 'valid' || !row) {
    const problem = state === 'valid' ? 'invalid' : state;
    throw new AppError(problem === 'invalid' ? 'not_found' : 'invalid', STATE_MESSAGES[problem]);
  }
  const problems = passwordProblems(password, row.user.email);
  if (problems.length) throw new AppError('invalid', 'Please choose a different password.', { password: problems });
  const passwordHash = await hashPassword(password);
  const tokenPurpose = row.token.purpose;
  await getDb().transaction(async (tx) => {
    const now = new Date();
    const [claimed] = await tx
      .update(accessTokens)
      .set({ usedAt: now })
      .where(and(eq(accessTokens.id, row.token.id), isNull(accessTokens.usedAt), gt(accessTokens.expiresAt, now)))
      .returning({ id: accessTokens.id });
    if (!claimed) throw new AppError('invalid', STATE_MESSAGES.used);
    const [updated] = await tx
      .update(users)
      .set({ passwordHash, status: 'active', sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now })
      .where(and(eq(users.id, row.user.id), eq(users.status, expectedStatus(tokenPurpose))))
      .returning({ id: users.id });
    if (!updated) throw new AppError('invalid', STATE_MESSAGES.invalid);
    await tx
      .update(accessTokens)
      .set({ expiresAt: now })
      .where(and(eq(accessTokens.userId, row.user.id), isNull(accessTokens.usedAt), gt(accessTokens.expiresAt, now)));
    await auditSystem(tx, {
      practiceId: row.token.practiceId,
      actorUserId: row.user.id,
      action: tokenPurpose === 'invite' ? 'user.invite_accept' : 'user.password_reset',
      entity: 'user',
      entityId: row.user.id,
      patientId: row.user.patientId,
      ip: request.ip,
      userAgent: request.userAgent,
    });
  });
  return { purpose: tokenPurpose, email: row.user.email };
}
