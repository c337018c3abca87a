// The origin of the links the app hands out (issue 20): APP_URL when set, otherwise the
// address the browser used (Host; X-Forwarded-Host/-Proto only from a trusted proxy),
// otherwise http://localhost:$PORT. A request here looks as it does after proxy.ts:
// X-Forwarded-For is the socket address, and Next.js has filled X-Forwarded-Host/-Proto
// from the Host header when the client side sent none.
import { describe, expect, it } from 'vitest';
import { appOriginFor, fallbackOrigin, requestOrigin, validHost } from '@/lib/http/app-origin';
import { parseTrustedProxies, type TrustedProxies } from '@/lib/http/client-address';

const trust = (value: string | undefined): TrustedProxies => {
  const parsed = parseTrustedProxies(value);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};
const none = trust(undefined);

/** peer: the socket address; host: the Host header; forwarded: what the client side sent as X-Forwarded-*. */
function request(peer: string, host: string | null, forwarded: { host?: string; proto?: string } = {}) {
  const h = new Headers({ 'x-forwarded-for': peer });
  if (host !== null) h.set('host', host);
  h.set('x-forwarded-host', forwarded.host ?? host ?? '');
  h.set('x-forwarded-proto', forwarded.proto ?? 'http');
  return h;
}

describe('validHost', () => {
  it('accepts names, IPv4 and bracketed IPv6 with an optional port, lower-cased', () => {
    expect(validHost('localhost:3300')).toBe('localhost:3300');
    expect(validHost('192.168.1.20:3456')).toBe('192.168.1.20:3456');
    expect(validHost('Clinic.Example.org')).toBe('clinic.example.org');
    expect(validHost('[fe80::1]:3000')).toBe('[fe80::1]:3000');
  });

  it('refuses anything that is not a plain host[:port]', () => {
    for (const bad of ['', ' ', 'evil.example/path', 'user@evil.example', 'a b', 'host:0', 'host:99999', '[not-v6]:1', 'http://x', 'x:3000,y', '-bad.example', null, undefined]) {
      expect(validHost(bad), String(bad)).toBeNull();
    }
  });
});

describe('fallbackOrigin', () => {
  it('is APP_URL without trailing slashes, else http://localhost:$PORT', () => {
    expect(fallbackOrigin('https://clinic.example.org/', '3300')).toBe('https://clinic.example.org');
    expect(fallbackOrigin(undefined, '3300')).toBe('http://localhost:3300');
    expect(fallbackOrigin(undefined, undefined)).toBe('http://localhost:3000');
    expect(fallbackOrigin(undefined, 'abc')).toBe('http://localhost:3000');
  });
});

describe('requestOrigin', () => {
  it('uses the Host header the browser sent, over plain http', () => {
    expect(requestOrigin(request('192.168.1.31', '192.168.1.20:3456'), none)).toBe('http://192.168.1.20:3456');
    expect(requestOrigin(request('127.0.0.1', '127.0.0.1:3300'), none)).toBe('http://127.0.0.1:3300');
  });

  it('ignores X-Forwarded-Host and -Proto from a client that is not a trusted proxy', () => {
    const spoofed = request('192.168.1.31', '192.168.1.20:3456', { host: 'evil.example', proto: 'https' });
    expect(requestOrigin(spoofed, none)).toBe('http://192.168.1.20:3456');
    expect(requestOrigin(spoofed, trust('10.0.0.0/8'))).toBe('http://192.168.1.20:3456');
  });

  it('believes X-Forwarded-Host and -Proto from a trusted proxy (the nearest entry)', () => {
    const viaProxy = request('10.0.0.2', 'app:3000', { host: 'clinic.example.org', proto: 'https' });
    expect(requestOrigin(viaProxy, trust('10.0.0.0/8'))).toBe('https://clinic.example.org');
    expect(requestOrigin(viaProxy, trust('1'))).toBe('https://clinic.example.org');
    const chained = request('10.0.0.2', 'app:3000', { host: 'evil.example, clinic.example.org', proto: 'http, https' });
    expect(requestOrigin(chained, trust('10.0.0.0/8'))).toBe('https://clinic.example.org');
    // A trusted proxy that forwards no host: Next.js filled X-Forwarded-Host from Host.
    expect(requestOrigin(request('10.0.0.2', 'app:3000'), trust('10.0.0.0/8'))).toBe('http://app:3000');
  });

  it('falls back to Host when the forwarded host is unusable, and gives null without a usable Host', () => {
    expect(requestOrigin(request('10.0.0.2', 'app:3000', { host: 'bad host/' }), trust('1'))).toBe('http://app:3000');
    expect(requestOrigin(request('192.168.1.31', 'evil.example/x'), none)).toBeNull();
    expect(requestOrigin(request('192.168.1.31', null), none)).toBeNull();
  });
});

describe('appOriginFor', () => {
  const phone = request('192.168.1.31', '192.168.1.20:3300');
  it('prefers APP_URL, then the request, then http://localhost:$PORT', () => {
    expect(appOriginFor(phone, { appUrl: 'https://clinic.example.org', port: '3300', trusted: none })).toBe('https://clinic.example.org');
    expect(appOriginFor(phone, { appUrl: undefined, port: '3300', trusted: none })).toBe('http://192.168.1.20:3300');
    expect(appOriginFor(null, { appUrl: undefined, port: '3300', trusted: none })).toBe('http://localhost:3300');
    expect(appOriginFor(request('192.168.1.31', '%%'), { appUrl: undefined, port: '3300', trusted: none })).toBe('http://localhost:3300');
  });
});
