'use client';

import { localDate } from '@/lib/dates';
import { fieldText } from '@/lib/actions/form-values';
import { useOfflineForm } from './offline-form';
import { portalTickAction } from './portal-entry-actions';
import type { TickSaved } from './portal-entry-types';

/**
 * The big "done" control for one exercise today: a one-button form. It flips at once
 * (showing the next state while the server answers) and settles on the answer; the page's
 * data refreshes through revalidation. Each tap carries a fresh idempotency key, so a
 * retried request records one tick. Offline the tick is kept on the phone for today (in the
 * practice's time zone) and sent later. Without JavaScript it is a plain form post.
 */
export function PortalDoneToggle({ programItemId, title, done, submitKey }: { programItemId: string; title: string; done: boolean; /** For a post without JavaScript. */ submitKey: string }) {
  const { state, formAction, pending } = useOfflineForm<TickSaved>(portalTickAction, {
    kind: 'tick',
    keyPerSubmit: true,
    queued: (fields) => ({ done: fieldText(fields, 'done') === 'true', queued: true }),
    // Sent later, perhaps tomorrow: the tick belongs to the day it was made.
    beforeQueue: (formData, timeZone) => formData.set('date', localDate(new Date(), timeZone)),
  });
  const settled = state?.ok ? state.data.done : done;
  const shown = pending ? !settled : settled;
  const queued = Boolean(state?.ok && state.data.queued);

  return (
    <form action={formAction}>
      <input type="hidden" name="programItemId" value={programItemId} />
      <input type="hidden" name="idempotencyKey" value={submitKey} />
      <input type="hidden" name="done" value={String(!settled)} />
      <button
        type="submit"
        aria-pressed={shown}
        aria-busy={pending || undefined}
        data-testid="done-toggle"
        data-queued={queued || undefined}
        className={`flex min-h-14 w-full items-center justify-center gap-2 rounded-xl px-4 text-lg font-semibold transition active:scale-[0.98] ${
          shown ? 'bg-green-700 text-white' : 'bg-white text-brand-800 ring-2 ring-brand-700'
        }`}
      >
        {shown ? (
          <>
            <span aria-hidden="true">✓</span> Done today <span className="text-sm font-normal underline">(undo)</span>
          </>
        ) : (
          'Mark as done'
        )}
        <span className="sr-only">: {title}</span>
      </button>
      {queued && (
        <p className="mt-1 text-sm text-amber-900" data-testid="done-toggle-queued">
          Kept on this phone; sent when you are back online.
        </p>
      )}
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
