import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

// The unsubscribe link in every reminder needs no sign-in: it carries an HMAC of the
// patient id under the app's secret, so it cannot be forged for another patient.

const sign = (patientId: string) => createHmac('sha256', env().AUTH_SECRET).update(`reminders-unsubscribe:${patientId}`).digest('base64url');

export const unsubscribeToken = (patientId: string) => sign(patientId);

export function validUnsubscribeToken(patientId: string, token: string): boolean {
  const expected = Buffer.from(sign(patientId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
