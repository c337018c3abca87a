import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/env';
import { claimsFromCookieHeader, sessionState, type TokenClaims } from './config';
import { clientIp } from './request-info';

export type RequestSession = { claims: TokenClaims | null; ip: string | null; userAgent: string | null };

/**
 * The signed session claims of this request plus its IP and user agent. The cookie is read as
 * Auth.js reads it, without a second pass through Auth.js after proxy.ts's
 * (claimsFromCookieHeader, config.ts), which already drops idle and expired sessions; the
 * absolute lifetime is checked again here so no code path can stretch it. Tests replace this
 * module.
 */
export async function readSession(): Promise<RequestSession> {
  const h = await headers();
  let claims = await claimsFromCookieHeader(h.get('cookie'), h, env().AUTH_SECRET, process.env);
  if (claims && sessionState(claims) === 'expired') claims = null;
  return { claims, ip: clientIp(h), userAgent: h.get('user-agent') };
}
