import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signInAttempts } from '@/db/schema';

// Sign-in throttling with its state in the database, so it holds across app instances.
export const THROTTLE = {
  windowMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerIp: 20,
} as const;

export const emailKey = (email: string) => email.trim().toLowerCase();

/** Stored in sign_in_attempts.ip when the client's address is not known; never counted as a bucket. */
export const UNKNOWN_IP = 'unknown';

/**
 * True when this email or IP has failed too often within the window. With no known IP
 * (null) only the account counts: a shared "unknown" bucket would let anyone lock every
 * account out by failing with made-up emails.
 */
export async function isThrottled(db: Db, email: string, ip: string | null): Promise<boolean> {
  const since = sql`now() - make_interval(mins => ${THROTTLE.windowMinutes})`;
  const key = emailKey(email);
  // Account failures count since the last successful sign-in within the window.
  const [account] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.emailKey, key),
        eq(signInAttempts.succeeded, false),
        gt(signInAttempts.createdAt, since),
        sql`${signInAttempts.createdAt} > coalesce((select max(s.created_at) from sign_in_attempts s where s.email_key = ${key} and s.succeeded), '-infinity')`,
      ),
    );
  if ((account?.n ?? 0) >= THROTTLE.maxFailuresPerAccount) return true;
  if (ip === null) return false;
  const [byIp] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)));
  return (byIp?.n ?? 0) >= THROTTLE.maxFailuresPerIp;
}

export async function recordAttempt(db: Db, email: string, ip: string | null, succeeded: boolean): Promise<void> {
  await db.insert(signInAttempts).values({ emailKey: emailKey(email), ip: ip ?? UNKNOWN_IP, succeeded });
}
