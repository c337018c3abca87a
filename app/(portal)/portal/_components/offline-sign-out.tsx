'use client';

import { useRef, type FormEvent } from 'react';
import { signOutAction } from '@/lib/actions/auth/sign-out';
import { PORTAL_CACHES } from '@/lib/offline/cache-rules';
import { deleteOutbox } from '@/lib/offline/outbox';
import { flushOutbox } from '@/lib/offline/send';

/**
 * The portal's Sign out: first sends anything still waiting, then deletes what this device
 * kept of the patient (saved portal pages, drawings, the outbox) so the next person on a
 * shared phone or computer finds nothing, then signs out as everywhere else.
 * Without JavaScript it is the plain sign-out form (nothing was kept then).
 */
export function PortalSignOutButton() {
  const cleared = useRef(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (cleared.current) return; // second pass: let React post the sign-out action
    event.preventDefault();
    const form = event.currentTarget;
    void forgetThisDevice().finally(() => {
      cleared.current = true;
      form.requestSubmit();
    });
  };
  return (
    <form action={signOutAction} onSubmit={onSubmit}>
      <button type="submit" className="min-h-11 rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" data-testid="sign-out">
        Sign out
      </button>
    </form>
  );
}

async function forgetThisDevice(): Promise<void> {
  await flushOutbox().catch(() => undefined);
  // CacheStorage exists only in secure contexts (https, localhost).
  const saved = typeof caches === 'undefined' ? [] : Object.values(PORTAL_CACHES).map((name) => caches.delete(name));
  await Promise.allSettled([deleteOutbox(), ...saved]);
}
