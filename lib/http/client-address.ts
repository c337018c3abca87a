import { BlockList, isIP } from 'node:net';

// Who is on the other end of a request, for the sign-in throttle and the audit log.
//
// Next.js does not hand route handlers, server actions or proxy.ts the socket. What it does
// (next/dist/server/base-server.js, handleRequest) is `x-forwarded-for ??= socket.remoteAddress`:
// it fills X-Forwarded-For with the socket address only when the request has none. So
// proxy.ts moves the X-Forwarded-For the client side sent into FORWARDED_CHAIN_HEADER and
// deletes the original; Next.js then writes the socket address into X-Forwarded-For. After
// proxy.ts a request therefore carries:
//   x-forwarded-for          the socket address (one address, written by Next.js)
//   FORWARDED_CHAIN_HEADER   what arrived as X-Forwarded-For, if anything (any text)
// From these, the standard walk: the socket address first, then the forwarded list from the
// right; addresses of trusted proxies are skipped, the first untrusted one is the client.
// Without TRUSTED_PROXIES nothing is trusted, so the client is the socket address.
// Anything that is not an IP address gives null ("unknown"), never the header's text.

/** Where proxy.ts keeps the client side's X-Forwarded-For (it always replaces this header). */
export const FORWARDED_CHAIN_HEADER = 'x-loadline-forwarded-for';

export type TrustedProxies =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'cidrs'; list: BlockList; text: string };

export const MAX_TRUSTED_HOPS = 20;

/** IPv4-mapped IPv6 ("::ffff:203.0.113.7", as dual-stack sockets report IPv4) becomes plain IPv4. */
function unmap(address: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return m ? m[1]! : address;
}

/** One forwarded entry as an address, or null. Accepts "1.2.3.4:port" and "[v6]:port" as proxies write them. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  let value = raw.trim();
  if (value.length === 0 || value.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  if (isIP(value) === 0) return null;
  return unmap(value.toLowerCase());
}

/**
 * TRUSTED_PROXIES: unset or empty (trust no proxy), a hop count ("1": one proxy in front),
 * or a comma-separated list of addresses and CIDR ranges ("10.0.0.0/8,127.0.0.1/32").
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies | { error: string } {
  const text = value?.trim() ?? '';
  if (text === '') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > MAX_TRUSTED_HOPS) return { error: `a hop count must be between 1 and ${MAX_TRUSTED_HOPS}` };
    return { kind: 'hops', hops };
  }
  const list = new BlockList();
  for (const entry of text.split(',').map((e) => e.trim())) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return { error: `"${entry.slice(0, 60)}" is not an address or CIDR range (e.g. 10.0.0.0/8)` };
    const max = family === 4 ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= max)) return { error: `"${entry.slice(0, 60)}" has a prefix length outside 0–${max}` };
    list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { kind: 'cidrs', list, text };
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address, or null when no trustworthy address is known. */
export function clientAddress(headers: Headers, trusted: TrustedProxies): string | null {
  const peerText = headers.get('x-forwarded-for');
  // One address, as Next.js writes the socket address; a list means proxy.ts did not run
  // and the header is the client's own text.
  if (peerText === null || peerText.includes(',')) return null;
  const peer = normalizeAddress(peerText);
  if (peer === null || trusted.kind === 'none') return peer;
  const forwarded = headers.get(FORWARDED_CHAIN_HEADER);
  // The socket address first, then the forwarded list from the right.
  const hops = [peer, ...(forwarded === null ? [] : forwarded.split(',').reverse())];
  if (trusted.kind === 'hops') {
    return normalizeAddress(hops[Math.min(trusted.hops, hops.length - 1)]);
  }
  for (let i = 0; i < hops.length; i++) {
    const address = normalizeAddress(hops[i]);
    if (address === null) return null;
    if (!isTrusted(trusted.list, address) || i === hops.length - 1) return address;
  }
  return null;
}

/**
 * For proxy.ts: keeps the incoming X-Forwarded-For in FORWARDED_CHAIN_HEADER (or removes
 * that header: a client cannot set it) and deletes X-Forwarded-For and X-Real-IP, so that
 * Next.js fills X-Forwarded-For with the socket address. Mutates and returns `headers`.
 */
export function separateForwardedFor(headers: Headers): Headers {
  const forwarded = headers.get('x-forwarded-for');
  if (forwarded === null) headers.delete(FORWARDED_CHAIN_HEADER);
  else headers.set(FORWARDED_CHAIN_HEADER, forwarded);
  headers.delete('x-forwarded-for');
  headers.delete('x-real-ip');
  return headers;
}
