import 'server-only';
import { headers } from 'next/headers';
import { sessionState, type TokenClaims } from './config';
import { auth } from './index';
import { clientIp } from './request-info';

export type RequestSession = { claims: TokenClaims | null; ip: string | null; userAgent: string | null };

/**
 * The signed session claims of this request plus its IP and user agent. Auth.js's jwt
 * callback (config.ts) already drops idle and expired sessions; the absolute lifetime is
 * checked again here so no code path can stretch it. Tests replace this module.
 */
export async function readSession(): Promise<RequestSession> {
  const [session, h] = await Promise.all([auth(), headers()]);
  let claims = session?.claims ?? null;
  if (claims && sessionState(claims) === 'expired') claims = null;
  return { claims, ip: clientIp(h), userAgent: h.get('user-agent') };
}
