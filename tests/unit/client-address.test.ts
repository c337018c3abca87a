// The client's address for throttling and the audit log (issue 14, item 1): the socket
// address by default, forwarded headers only through TRUSTED_PROXIES, and never raw header
// text. proxy.ts moves the client's X-Forwarded-For to FORWARDED_CHAIN_HEADER and Next.js
// then writes the socket address into X-Forwarded-For, so a request here carries both.
import { describe, expect, it } from 'vitest';
import { clientAddress, FORWARDED_CHAIN_HEADER, parseTrustedProxies, separateForwardedFor, type TrustedProxies } from '@/lib/http/client-address';

/** A request as the app sees it after proxy.ts: peer = socket address, chain = what the client's side sent. */
const request = (peer: string | null, chain?: string) => {
  const h = new Headers();
  if (peer !== null) h.set('x-forwarded-for', peer);
  if (chain !== undefined) h.set(FORWARDED_CHAIN_HEADER, chain);
  return h;
};
/** A valid TRUSTED_PROXIES value, parsed. */
const trust = (value: string | undefined): TrustedProxies => {
  const parsed = parseTrustedProxies(value);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};
const none = trust(undefined);

describe('parseTrustedProxies', () => {
  it('accepts nothing, a hop count, or a CIDR list', () => {
    expect(parseTrustedProxies(undefined)).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(parseTrustedProxies(' 2 ')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustedProxies('10.0.0.0/8,127.0.0.1/32')).toMatchObject({ kind: 'cidrs' });
    expect(parseTrustedProxies('10.0.0.0/8, ::1/128, 192.168.1.5')).toMatchObject({ kind: 'cidrs' });
  });

  it('refuses anything else with a reason', () => {
    for (const bad of ['0', '-1', '1.5', 'yes', '10.0.0.0/33', '10.0.0/8', '::1/129', '10.0.0.0/8,,', 'loopback', '999']) {
      expect(parseTrustedProxies(bad), bad).toHaveProperty('error');
    }
  });
});

describe('clientAddress', () => {
  it('with no header at all the address is unknown (null), not a shared text key', () => {
    expect(clientAddress(new Headers(), none)).toBeNull();
  });

  it('without trusted proxies uses the socket address and ignores what the client forwarded', () => {
    expect(clientAddress(request('203.0.113.7'), none)).toBe('203.0.113.7');
    expect(clientAddress(request('203.0.113.7', '1.2.3.4'), none)).toBe('203.0.113.7');
    expect(clientAddress(request('203.0.113.7', '1.2.3.4, 5.6.7.8'), none)).toBe('203.0.113.7');
  });

  it('without trusted proxies a spoofed header never becomes the address', () => {
    // proxy.ts did not run (no chain header) and a client sent its own list: not an address.
    expect(clientAddress(request('1.2.3.4, 203.0.113.7'), none)).toBeNull();
    const h = request('203.0.113.7');
    h.set('x-real-ip', '9.9.9.9');
    expect(clientAddress(h, none)).toBe('203.0.113.7');
  });

  it('a hop count takes that many addresses from the right', () => {
    const one = trust('1');
    expect(clientAddress(request('10.0.0.2', '198.51.100.9'), one)).toBe('198.51.100.9');
    // The client prepended a fake: the proxy appended the real one on the right.
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.9'), one)).toBe('198.51.100.9');
    const two = trust('2');
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 198.51.100.9, 10.0.0.3'), two)).toBe('198.51.100.9');
    // Fewer hops than configured: the left-most address there is.
    expect(clientAddress(request('10.0.0.2', '198.51.100.9'), two)).toBe('198.51.100.9');
    // No forwarded header at all: the socket address.
    expect(clientAddress(request('198.51.100.9'), one)).toBe('198.51.100.9');
  });

  it('a CIDR list skips trusted addresses from the right; the first untrusted one is the client', () => {
    const cidrs = trust('10.0.0.0/8,127.0.0.1/32');
    expect(clientAddress(request('127.0.0.1', '6.6.6.6, 198.51.100.9, 10.1.2.3'), cidrs)).toBe('198.51.100.9');
    // A request straight from an untrusted socket: its forwarded header is not believed.
    expect(clientAddress(request('198.51.100.20', '6.6.6.6'), cidrs)).toBe('198.51.100.20');
    // Everything trusted: the left-most address.
    expect(clientAddress(request('127.0.0.1', '10.9.9.9'), cidrs)).toBe('10.9.9.9');
    // IPv4-mapped socket addresses (dual-stack servers) match IPv4 ranges.
    expect(clientAddress(request('::ffff:127.0.0.1', '198.51.100.9'), cidrs)).toBe('198.51.100.9');
  });

  it('handles IPv6', () => {
    expect(clientAddress(request('2001:db8::1'), none)).toBe('2001:db8::1');
    expect(clientAddress(request('::ffff:203.0.113.7'), none)).toBe('203.0.113.7');
    const cidrs = trust('fd00::/8,::1/128');
    expect(clientAddress(request('::1', '2001:db8::42, fd00::5'), cidrs)).toBe('2001:db8::42');
    expect(clientAddress(request('::1', '[2001:db8::42]:4711'), cidrs)).toBe('2001:db8::42');
  });

  it('garbage is never returned: the address is null instead', () => {
    const one = trust('1');
    const cidrs = trust('10.0.0.0/8');
    for (const junk of ['<script>alert(1)</script>', 'unknown', '1.2.3.4.5', 'a'.repeat(5000), '', ' ', '999.1.1.1', '1.2.3.4 x', '1.2.3.4\u00ff', 'fe80::1%eth0; DROP TABLE']) {
      expect(clientAddress(request(junk), none), junk).toBeNull();
      expect(clientAddress(request('10.0.0.2', junk), one), junk).toBeNull();
      expect(clientAddress(request('10.0.0.2', `198.51.100.9, ${junk}`), cidrs), junk).toBeNull();
    }
    // IPv4 with a port, as some proxies write it, is still an address.
    expect(clientAddress(request('10.0.0.2', '198.51.100.9:51234'), one)).toBe('198.51.100.9');
  });
});

describe('separateForwardedFor (proxy.ts)', () => {
  it('moves the incoming X-Forwarded-For aside, drops X-Real-IP and a forged chain header', () => {
    const h = separateForwardedFor(new Headers({ 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '7.7.7.7', [FORWARDED_CHAIN_HEADER]: '8.8.8.8' }));
    expect(h.get('x-forwarded-for')).toBeNull();
    expect(h.get('x-real-ip')).toBeNull();
    expect(h.get(FORWARDED_CHAIN_HEADER)).toBe('6.6.6.6');
    const forged = separateForwardedFor(new Headers({ [FORWARDED_CHAIN_HEADER]: '8.8.8.8' }));
    expect(forged.get(FORWARDED_CHAIN_HEADER)).toBeNull();
  });
});
