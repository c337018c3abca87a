'use server';

import { getDb } from '@/db/client';
import { signOut } from '@/lib/auth';
import { readSession } from '@/lib/auth/session';
import { revokeSession } from '@/lib/auth/user-sessions';

/**
 * Ends this session on the server (its user_sessions row is revoked, so a copy of the
 * cookie stops working too), then clears the cookie. The account's other sessions go on.
 */
export async function signOutAction(): Promise<void> {
  const { claims } = await readSession();
  if (claims) await revokeSession(getDb(), claims.uid, claims.sid);
  await signOut({ redirectTo: '/login' });
}
