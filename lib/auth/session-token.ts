import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt } from 'jose';
import type { JWT, JWTDecodeParams, JWTEncodeParams } from 'next-auth/jwt';

// The session cookie's encode and decode, as Auth.js does them (an encrypted JWT: "dir" key
// management, A256CBC-HS512, the key derived with HKDF-SHA-256 from AUTH_SECRET and the cookie
// name) with one difference: the derived key and its thumbprint are computed once per secret
// and cookie name and kept, instead of on every call. Auth.js reads and re-issues the cookie
// on every request (proxy.ts, then requireActor), so each request derived the same key three
// or four times (bench/session-token.ts measures it). Tokens stay interchangeable with
// Auth.js's own: same key, same header, same claims, same checks.
//
// Two more savings, because every request reads the same cookie two or three times (proxy.ts,
// then the page or action) and Auth.js re-issues it on each read:
//  - a token decrypted once is remembered by its exact text, so the next read of the same text
//    skips the decryption; its expiry is still checked on every read, and a token altered in
//    any way is different text, which is decrypted (and refused) in full;
//  - when the claims come back unchanged (config.ts moves "last seen" at most once a minute),
//    the cookie keeps the token it had instead of a fresh encryption of the same claims.

const ALG = 'dir';
const ENC = 'A256CBC-HS512';
/** Auth.js's default lifetime when none is given (its session.maxAge is passed in practice). */
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** Secrets × cookie names × encryptions in use: a handful. The bound only stops a leak. */
const MAX_CACHED_KEYS = 32;

type DerivedKey = { key: Uint8Array; kid: string };
const derivedKeys = new Map<string, Promise<DerivedKey>>();

const utf8 = (text: string) => new TextEncoder().encode(text);

async function deriveKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = enc === 'A256CBC-HS512' ? 64 : enc === 'A256GCM' ? 32 : null;
  if (length === null) throw new Error('Unsupported JWT Content Encryption Algorithm');
  const material = await crypto.subtle.importKey('raw', utf8(secret), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(salt), info: utf8(`Auth.js Generated Encryption Key (${salt})`) },
    material,
    length * 8,
  );
  const key = new Uint8Array(bits);
  const kid = await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(key) }, `sha${key.byteLength << 3}` as 'sha256' | 'sha384' | 'sha512');
  return { key, kid };
}

/** The derived key for this encryption, secret and cookie name: computed on first use, then kept. */
export function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const id = JSON.stringify([enc, salt, secret]);
  let found = derivedKeys.get(id);
  if (!found) {
    if (derivedKeys.size >= MAX_CACHED_KEYS) derivedKeys.clear();
    found = deriveKey(enc, secret, salt);
    // A failed derivation is not kept: the next call tries again.
    found.catch(() => derivedKeys.delete(id));
    derivedKeys.set(id, found);
  }
  return found;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);

/** Auth.js's leeway on the token's expiry, in seconds (jose's clockTolerance). */
const CLOCK_TOLERANCE_SECONDS = 15;
/** Verified tokens remembered per process: one per recently active session is plenty. */
const MAX_VERIFIED_TOKENS = 10_000;

type Verified = { payload: JWT; secret: string };
/** Tokens decrypted and verified, by secrets + cookie name + the token's exact text, oldest first. */
const verifiedTokens = new Map<string, Verified>();
/** Where a decoded payload came from, so encode can hand the same token back when nothing changed. */
const decodedFrom = new WeakMap<object, { token: string; secret: string; salt: string; claims: string }>();

const verifiedKey = (secrets: readonly string[], salt: string, token: string) => JSON.stringify([secrets, salt, token]);

/** Issue a session token (Auth.js's encode, with the cached key). */
export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE_SECONDS, salt } = params;
  const [first] = secretsOf(secret);
  if (!first) throw new Error('No secret to encrypt the session token with');
  // The payload decode returned, its claims untouched, for the same cookie and current secret:
  // the token it came from says exactly this (and its expiry is at least the session's end).
  const source = decodedFrom.get(token);
  if (source && source.salt === salt && source.secret === first && source.claims === JSON.stringify(token)) return source.token;
  const { key, kid } = await derivedKey(ENC, first, salt);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: ALG, enc: ENC, kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/**
 * Read a session token (Auth.js's decode, with the cached key). Throws, as Auth.js's does,
 * when the token was altered, has expired, or was made with another secret or cookie name;
 * Auth.js treats that as no session.
 */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const secrets = secretsOf(secret);
  const key = verifiedKey(secrets, salt, token);
  let verified = verifiedTokens.get(key);
  if (verified) {
    const { exp } = verified.payload;
    if (typeof exp === 'number' && exp <= Math.floor(Date.now() / 1000) - CLOCK_TOLERANCE_SECONDS) {
      verifiedTokens.delete(key);
      throw new Error('"exp" claim timestamp check failed');
    }
  } else {
    let matched: string | null = null;
    const { payload } = await jwtDecrypt<JWT>(
      token,
      async ({ kid, enc }) => {
        for (const s of secrets) {
          const derived = await derivedKey(enc, s, salt);
          if (kid === undefined || kid === derived.kid) {
            matched = s;
            return derived.key;
          }
        }
        throw new Error('no matching decryption secret');
      },
      { clockTolerance: CLOCK_TOLERANCE_SECONDS, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC, 'A256GCM'] },
    );
    if (matched === null) throw new Error('no matching decryption secret');
    verified = { payload, secret: matched };
    if (verifiedTokens.size >= MAX_VERIFIED_TOKENS) verifiedTokens.delete(verifiedTokens.keys().next().value!);
    verifiedTokens.set(key, verified);
  }
  // A copy per read: callers may change what they get without touching what is remembered.
  const payload = structuredClone(verified.payload);
  decodedFrom.set(payload, { token, secret: verified.secret, salt, claims: JSON.stringify(payload) });
  return payload;
}

// ---------------------------------------------------------------- the page's own read
// Which cookie Auth.js would read, and its value: claimsFromCookieHeader (config.ts) decodes it.

/** The session cookie's name as Auth.js picks it for a server component: `__Secure-` prefixed when the app's URL is https (AUTH_URL if set, else the forwarded protocol, https when none). */
export function sessionCookieName(requestHeaders: Pick<Headers, 'get'>, environment: Record<string, string | undefined>): string {
  const configured = environment.AUTH_URL ?? environment.NEXTAUTH_URL;
  // A proxy chain may list several protocols; the first is the one the browser used.
  const forwarded = (requestHeaders.get('x-forwarded-proto') ?? 'https').split(',')[0]!.trim().replace(/:$/, '');
  const secure = configured ? new URL(configured).protocol === 'https:' : forwarded === 'https';
  return `${secure ? '__Secure-' : ''}authjs.session-token`;
}

/** A Cookie header's pairs as Auth.js parses them: names and values trimmed, the first of a repeated name kept, %-escapes decoded when valid. */
export function parseCookieHeader(header: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    const name = part.slice(0, at).trim();
    if (!name || pairs.has(name)) continue;
    const raw = part.slice(at + 1).trim();
    let value = raw;
    if (raw.includes('%')) {
      try {
        value = decodeURIComponent(raw);
      } catch {
        value = raw;
      }
    }
    pairs.set(name, value);
  }
  return pairs;
}

/** The session token: the cookie of that name, or its chunks (name.0, name.1, …) joined in order, as Auth.js's SessionStore reads them. */
export function sessionCookieValue(cookies: ReadonlyMap<string, string>, name: string): string | undefined {
  const chunks = [...cookies].filter(([cookie, value]) => cookie.startsWith(name) && value);
  if (chunks.length === 0) return undefined;
  const suffix = (cookie: string) => parseInt(cookie.split('.').pop() || '0', 10);
  return chunks.sort(([a], [b]) => suffix(a) - suffix(b)).map(([, value]) => value).join('');
}
