import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { practices, users, type Role } from '@/db/schema';
import { auditSystem } from '@/lib/data/audit';
import { DEFAULT_IDLE_MINUTES } from './config';
import { verifyPassword } from './password';
import { isThrottled, recordAttempt } from './throttle';
import { verifySecondFactor } from './two-factor';
import { startSession } from './user-sessions';

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
  /** The second factor (a 6-digit TOTP code or a recovery code), for accounts that use one. */
  code: z.string().trim().max(32).nullish().transform((v) => v || undefined),
});

/** idleMinutes: the practice's idle limit, carried in the session token; sessionId: the new user_sessions row. */
export type VerifiedUser = { id: string; sessionVersion: number; roles: Role[]; idleMinutes: number; sessionId: string };
/**
 * two_factor_required: the password was right and the account uses two-factor, but no code came
 * (the form then asks for it); two_factor_invalid: a wrong or already used code (a failed attempt).
 */
export type VerifyResult = { ok: true; user: VerifiedUser } | { ok: false; reason: 'invalid' | 'throttled' | 'two_factor_required' | 'two_factor_invalid' };

/**
 * Check an email and password. Every failure looks the same to the caller whether or
 * not the email exists; throttled requests are refused before the password is checked.
 */
export async function verifyCredentials(
  db: Db,
  input: unknown,
  request: { ip: string | null; userAgent: string | null },
): Promise<VerifyResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password, code } = parsed.data;
  if (await isThrottled(db, email, request.ip)) {
    await auditSystem(db, { practiceId: null, actorUserId: null, action: 'sign_in.throttled', entity: 'user', ip: request.ip, userAgent: request.userAgent, meta: { email } });
    return { ok: false, reason: 'throttled' };
  }
  const [row] = await db
    .select({ user: users, settings: practices.settings })
    .from(users)
    .innerJoin(practices, eq(practices.id, users.practiceId))
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const user = row?.user;
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  const ok = Boolean(user && passwordOk && user.status === 'active');
  let factor: 'totp' | 'recovery' | null = null;
  if (ok && user?.totpEnabledAt) {
    // The session is only issued after the second factor; without a code, ask for one.
    if (!code) return { ok: false, reason: 'two_factor_required' };
    factor = await verifySecondFactor(db, user, code);
    if (!factor) {
      // Counted like a wrong password, so guessing codes runs into the same throttle.
      await recordAttempt(db, email, request.ip, false);
      await auditSystem(db, { practiceId: user.practiceId, actorUserId: user.id, action: 'sign_in.failure', entity: 'user', entityId: user.id, ip: request.ip, userAgent: request.userAgent, meta: { email, step: 'two_factor' } });
      return { ok: false, reason: 'two_factor_invalid' };
    }
  }
  await recordAttempt(db, email, request.ip, ok);
  await auditSystem(db, {
    practiceId: user?.practiceId ?? null,
    actorUserId: user?.id ?? null,
    action: ok ? 'sign_in.success' : 'sign_in.failure',
    entity: 'user',
    entityId: user?.id ?? null,
    ip: request.ip,
    userAgent: request.userAgent,
    meta: ok ? (factor ? { factor } : undefined) : { email },
  });
  if (!ok || !user) return { ok: false, reason: 'invalid' };
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  const idleMinutes = row?.settings.sessionIdleMinutes ?? DEFAULT_IDLE_MINUTES;
  const sessionId = await startSession(db, user);
  return { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion, roles: user.roles, idleMinutes, sessionId } };
}
