import { BlockList, isIP } from 'node:net';
import { normalizeAddress, type TrustedProxies } from './client-address';

// Where the links the app hands out point (invite and reset links, the printed handout).
// APP_URL when it is set. Otherwise the address the browser used, so that a demo opened
// from a phone at http://192.168.1.20:3000 hands out links that work on that phone:
//   - the Host header, always as http:// (the app itself serves plain HTTP);
//   - X-Forwarded-Host and X-Forwarded-Proto instead, but only when the socket peer is a
//     trusted proxy (TRUSTED_PROXIES, as for X-Forwarded-For: lib/http/client-address.ts);
//     a client that is not a trusted proxy cannot choose them.
// A header that is not a plain host[:port] is ignored. Without a usable request (a job,
// a script, a test) the links point to http://localhost:$PORT.

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_PORT = new RegExp(`^(${LABEL}(?:\\.${LABEL})*|\\[([0-9a-f:.]+)\\])(?::(\\d{1,5}))?$`);

/** "host", "host:port", "1.2.3.4:port" or "[v6]:port", lower-cased; null for anything else. */
export function validHost(raw: string | null | undefined): string | null {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value.length === 0 || value.length > 260) return null;
  const m = HOST_PORT.exec(value);
  if (!m) return null;
  if (m[2] !== undefined && isIP(m[2]) !== 6) return null;
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 65535)) return null;
  return value;
}

/** APP_URL without trailing slashes, or http://localhost:$PORT (3000 when PORT is unset or odd). */
export function fallbackOrigin(appUrl: string | undefined, port: string | undefined): string {
  if (appUrl) return appUrl.replace(/\/+$/, '');
  return `http://localhost:${port && /^\d{1,5}$/.test(port) ? port : '3000'}`;
}

/** Whether the socket peer (X-Forwarded-For as Next.js writes it after proxy.ts) is a trusted proxy. */
function peerIsTrustedProxy(headers: Headers, trusted: TrustedProxies): boolean {
  if (trusted.kind === 'none') return false;
  const peerText = headers.get('x-forwarded-for');
  if (peerText === null || peerText.includes(',')) return false;
  const peer = normalizeAddress(peerText);
  if (peer === null) return false;
  if (trusted.kind === 'hops') return true;
  const list: BlockList = trusted.list;
  return list.check(peer, isIP(peer) === 4 ? 'ipv4' : 'ipv6');
}

/** The nearest proxy's entry of a forwarded header (the last one): the one the trusted proxy wrote. */
const nearest = (value: string | null) => (value === null ? null : (value.split(',').at(-1)?.trim() ?? null));

/** The origin the browser used for this request, or null when its headers name none usable. */
export function requestOrigin(headers: Headers, trusted: TrustedProxies): string | null {
  if (peerIsTrustedProxy(headers, trusted)) {
    const host = validHost(nearest(headers.get('x-forwarded-host')));
    if (host) return `${nearest(headers.get('x-forwarded-proto'))?.toLowerCase() === 'https' ? 'https' : 'http'}://${host}`;
  }
  const host = validHost(headers.get('host'));
  return host ? `http://${host}` : null;
}

/** APP_URL when set; otherwise the request's origin; otherwise http://localhost:$PORT. */
export function appOriginFor(headers: Headers | null, options: { appUrl: string | undefined; port: string | undefined; trusted: TrustedProxies }): string {
  if (options.appUrl) return fallbackOrigin(options.appUrl, options.port);
  return (headers && requestOrigin(headers, options.trusted)) ?? fallbackOrigin(undefined, options.port);
}
