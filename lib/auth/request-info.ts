import { clientAddress, parseTrustedProxies, type TrustedProxies } from '@/lib/http/client-address';
import { env } from '@/lib/env';

let trusted: { text: string | undefined; value: TrustedProxies } | undefined;

/** TRUSTED_PROXIES as parsed (env() has validated it already). */
export function trustedProxies(): TrustedProxies {
  const text = env().TRUSTED_PROXIES;
  if (trusted === undefined || trusted.text !== text) {
    const parsed = parseTrustedProxies(text);
    trusted = { text, value: 'error' in parsed ? { kind: 'none' } : parsed };
  }
  return trusted.value;
}

/**
 * The client's IP address (validated, normalized) or null when no trustworthy address is
 * known: never the text of a header. See lib/http/client-address.ts for how the socket
 * address reaches the app and when X-Forwarded-For is believed (TRUSTED_PROXIES).
 */
export function clientIp(headers: Headers): string | null {
  return clientAddress(headers, trustedProxies());
}
