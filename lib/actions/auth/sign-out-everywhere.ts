'use server';

import { getDb } from '@/db/client';
import { signOut } from '@/lib/auth';
import { requireActor } from '@/lib/auth/require-actor';
import { revokeAllSessions } from '@/lib/auth/user-sessions';
import { audit } from '@/lib/data/audit';

/** Ends every session of the signed-in account (other browsers and devices too), then this one's cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const actor = await requireActor({ twoFactorSetup: true });
  const db = getDb();
  const ended = await revokeAllSessions(db, actor.userId);
  await audit(db, actor, { action: 'user.sign_out_everywhere', entity: 'user', entityId: actor.userId, meta: { sessions: ended } });
  await signOut({ redirectTo: '/login?reason=signed-out-everywhere' });
}
