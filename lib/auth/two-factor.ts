import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Db, Tx } from '@/db/client';
import { recoveryCodes, users } from '@/db/schema';
import { env } from '@/lib/env';

// Two-factor sign-in: TOTP (RFC 6238: SHA-1, 6 digits, 30 seconds, what every authenticator
// app reads from a QR code) plus ten one-time recovery codes. The secret is stored encrypted
// with AES-256-GCM under a key derived from AUTH_SECRET (HKDF), so a copy of the database
// alone does not give it away.

export const TOTP_ISSUER = 'Loadline';
export const RECOVERY_CODE_COUNT = 10;
/** Codes from one step before or after now are accepted (clock drift between phone and server). */
const WINDOW = 1;
const PERIOD = 30;

function secretKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', env().AUTH_SECRET, 'loadline', 'totp-secret-v1', 32));
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', secretKey(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

function totpFor(base32: string, label = 'account'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(base32) });
}

export const newTotpSecret = () => new OTPAuth.Secret({ size: 20 }).base32;

/** The otpauth:// address and its QR code as an SVG (rendered on the server). */
export async function enrolmentDetails(base32: string, email: string): Promise<{ uri: string; svg: string }> {
  const uri = totpFor(base32, email).toString();
  return { uri, svg: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
}

/** The time step of a valid code (now ± WINDOW), or null. */
export function matchingStep(base32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(base32).validate({ token, timestamp: now, window: WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** A TOTP code for this secret (tests and the e2e compute codes the same way). */
export const currentCode = (base32: string, now = Date.now()) => totpFor(base32).generate({ timestamp: now });

// Recovery codes: 10 random characters from an alphabet without look-alikes, shown as xxxxx-xxxxx.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const normaliseRecovery = (code: string) => code.trim().toLowerCase().replace(/[\s-]+/g, '');
export const hashRecoveryCode = (code: string) => createHash('sha256').update(normaliseRecovery(code)).digest('hex');
export const looksLikeRecoveryCode = (code: string) => /^[a-z0-9]{10}$/.test(normaliseRecovery(code)) && !/^\d+$/.test(normaliseRecovery(code));

/** Replaces the account's recovery codes with ten new ones; returns them (shown once). */
export async function issueRecoveryCodes(tx: Db | Tx, user: { id: string; practiceId: string }): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId: user.id, practiceId: user.practiceId, codeHash: hashRecoveryCode(code) })));
  return codes;
}

type TwoFactorUser = { id: string; totpSecret: string | null; totpEnabledAt: Date | null; totpLastStep: number | null };

/**
 * Checks a sign-in's second factor: a TOTP code (each time step accepted once) or an unused
 * recovery code (used up here). The caller throttles and records failures.
 */
export async function verifySecondFactor(db: Db, user: TwoFactorUser, code: string): Promise<'totp' | 'recovery' | null> {
  if (!user.totpSecret || !user.totpEnabledAt) return null;
  const step = matchingStep(decryptSecret(user.totpSecret), code);
  if (step !== null) {
    // Accepted only if later than the last accepted step: a code seen over a shoulder cannot be replayed.
    const moved = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
      .returning({ id: users.id });
    return moved.length ? 'totp' : null;
  }
  if (!looksLikeRecoveryCode(code)) return null;
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length ? 'recovery' : null;
}

export type TwoFactorStatus = { enabled: boolean; pendingSecret: string | null; recoveryCodesLeft: number };

/** The account's own two-factor state, for its set-up page (the pending secret is shown only until confirmed). */
export async function twoFactorStatus(db: Db, user: { userId: string; practiceId: string }): Promise<TwoFactorStatus> {
  const [[row], [left]] = await Promise.all([
    db.select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt }).from(users).where(and(eq(users.id, user.userId), eq(users.practiceId, user.practiceId))).limit(1),
    db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, user.userId), eq(recoveryCodes.practiceId, user.practiceId), isNull(recoveryCodes.usedAt))),
  ]);
  const enabled = Boolean(row?.enabledAt);
  return { enabled, pendingSecret: !enabled && row?.secret ? decryptSecret(row.secret) : null, recoveryCodesLeft: enabled ? (left?.n ?? 0) : 0 };
}
