// The session cookie with a cached key (lib/auth/session-token.ts) is refused exactly when
// Auth.js's own would be: altered anywhere, expired, made with another secret or for another
// cookie name, or not encrypted at all. It stays interchangeable with Auth.js's tokens (cookies
// issued before the change keep working), honours a rotated secret list, and derives its key
// once per secret instead of on every request.
import fc from 'fast-check';
import { decode as authDecode, encode as authEncode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authConfig } from '@/lib/auth/config';
import { decodeSessionToken, encodeSessionToken } from '@/lib/auth/session-token';

const secret = 'session-token-test-secret-0123456789abcdef';
const salt = 'authjs.session-token';
const claims = { sub: 'u1', uid: '6f1e2d3c-0000-4000-8000-000000000001', sid: '6f1e2d3c-0000-4000-8000-000000000002', sv: 3, roles: ['physio'], sat: 100, lsa: 200, idl: 60 };
const maxAge = 12 * 3600;

afterEach(() => vi.restoreAllMocks());

describe('session token with a cached key', () => {
  it('is the one Auth.js issues and reads: tokens go both ways with the same claims', async () => {
    const ours = await encodeSessionToken({ token: claims, secret, salt, maxAge });
    expect(await authDecode({ token: ours, secret, salt })).toMatchObject(claims);
    const theirs = await authEncode({ token: claims, secret, salt, maxAge });
    expect(await decodeSessionToken({ token: theirs, secret, salt })).toMatchObject(claims);
    expect(authConfig.jwt.encode).toBe(encodeSessionToken);
    expect(authConfig.jwt.decode).toBe(decodeSessionToken);
  });

  it('refuses a token altered anywhere (header, iv, ciphertext or tag)', async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt, maxAge });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), async (at, replacement) => {
        if (token[at] === '.' || token[at] === replacement) return;
        const altered = token.slice(0, at) + replacement + token.slice(at + 1);
        // A last base64url character can carry unused bits: skip a change that decodes to the same bytes.
        const same = token.split('.').every((part, i) => Buffer.from(part, 'base64url').equals(Buffer.from(altered.split('.')[i]!, 'base64url')));
        if (same) return;
        await expect(decodeSessionToken({ token: altered, secret, salt })).rejects.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an expired token (past the 15 s clock tolerance), from either encoder', async () => {
    const ours = await encodeSessionToken({ token: claims, secret, salt, maxAge: -60 });
    const theirs = await authEncode({ token: claims, secret, salt, maxAge: -60 });
    await expect(decodeSessionToken({ token: ours, secret, salt })).rejects.toThrow(/exp/);
    await expect(decodeSessionToken({ token: theirs, secret, salt })).rejects.toThrow(/exp/);
  });

  it('refuses a token made with another secret or for another cookie name, even with the right key cached', async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt, maxAge });
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
    await expect(decodeSessionToken({ token, secret: 'another-secret-0123456789abcdef0123456789', salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret, salt: '__Secure-authjs.session-token' })).rejects.toThrow();
    const forged = await authEncode({ token: { ...claims, roles: ['admin'] }, secret: 'another-secret-0123456789abcdef0123456789', salt, maxAge });
    await expect(decodeSessionToken({ token: forged, secret, salt })).rejects.toThrow();
  });

  it('refuses an unencrypted (signed-only or alg "none") token', async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const payload = b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 });
    await expect(decodeSessionToken({ token: `${b64({ alg: 'none' })}.${payload}.`, secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: `${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.c2lnbmF0dXJl`, secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: '', secret, salt })).resolves.toBeNull();
  });

  it('with a rotated secret list, encrypts with the first and reads tokens of the older one', async () => {
    const old = 'old-secret-0123456789abcdef0123456789abcd';
    const fresh = 'new-secret-0123456789abcdef0123456789abcd';
    const before = await encodeSessionToken({ token: claims, secret: old, salt, maxAge });
    expect(await decodeSessionToken({ token: before, secret: [fresh, old], salt })).toMatchObject(claims);
    const after = await encodeSessionToken({ token: claims, secret: [fresh, old], salt, maxAge });
    expect(await decodeSessionToken({ token: after, secret: fresh, salt })).toMatchObject(claims);
    await expect(decodeSessionToken({ token: after, secret: old, salt })).rejects.toThrow();
  });

  it('derives the key once per secret and cookie name, not per request', async () => {
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    const once = 'derive-once-secret-0123456789abcdef01234567';
    let token = await encodeSessionToken({ token: claims, secret: once, salt, maxAge });
    for (let i = 0; i < 20; i++) {
      const read = await decodeSessionToken({ token, secret: once, salt });
      token = await encodeSessionToken({ token: { ...read, lsa: i }, secret: once, salt, maxAge });
    }
    expect(derive).toHaveBeenCalledTimes(1);
  });

  it('decrypts a token once however often it is read, and hands back a copy each time', async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt, maxAge });
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const first = await decodeSessionToken({ token, secret, salt });
    first!.roles = ['admin'];
    for (let i = 0; i < 5; i++) expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
    expect(decrypt).toHaveBeenCalledTimes(1);
  });

  it('still refuses a token read before, once it has expired (the expiry is checked on every read)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const start = Date.parse('2026-03-02T09:00:00Z');
      vi.setSystemTime(start);
      const token = await encodeSessionToken({ token: claims, secret, salt, maxAge: 120 });
      expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
      vi.setSystemTime(start + 130_000); // past exp, inside the 15 s tolerance
      expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
      vi.setSystemTime(start + 136_000); // past the tolerance
      await expect(decodeSessionToken({ token, secret, salt })).rejects.toThrow(/exp/);
      await expect(decodeSessionToken({ token, secret, salt })).rejects.toThrow(/exp/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('re-issues the same token when the claims come back unchanged, and a new one when they change', async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt, maxAge });
    const read = await decodeSessionToken({ token, secret, salt });
    expect(await encodeSessionToken({ token: read!, secret, salt, maxAge })).toBe(token);
    const moved = await encodeSessionToken({ token: { ...read, lsa: 300 }, secret, salt, maxAge });
    expect(moved).not.toBe(token);
    expect(await decodeSessionToken({ token: moved, secret, salt })).toMatchObject({ ...claims, lsa: 300 });
    const changedInPlace = await decodeSessionToken({ token, secret, salt });
    changedInPlace!.roles = ['admin'];
    const reissued = await encodeSessionToken({ token: changedInPlace!, secret, salt, maxAge });
    expect(reissued).not.toBe(token);
    expect(await decodeSessionToken({ token: reissued, secret, salt })).toMatchObject({ roles: ['admin'] });
    // Another cookie name gets its own token.
    expect(await encodeSessionToken({ token: read!, secret, salt: '__Secure-authjs.session-token', maxAge })).not.toBe(token);
  });

  it('re-issues a token of a retired secret under the current one, even with claims unchanged', async () => {
    const old = 'old-secret-0123456789abcdef0123456789abcd';
    const fresh = 'new-secret-0123456789abcdef0123456789abcd';
    const before = await encodeSessionToken({ token: claims, secret: old, salt, maxAge });
    const read = await decodeSessionToken({ token: before, secret: [fresh, old], salt });
    const after = await encodeSessionToken({ token: read!, secret: [fresh, old], salt, maxAge });
    expect(after).not.toBe(before);
    expect(await decodeSessionToken({ token: after, secret: fresh, salt })).toMatchObject(claims);
  });
});
