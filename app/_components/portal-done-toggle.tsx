'use client';

import { useOptimistic, useState, useTransition } from 'react';
import { newKey } from './portal-format';
import { completeExerciseAction } from '@/lib/actions/entries/complete-exercise';

/**
 * The big "done" control for one exercise today. Optimistic: it flips at once and
 * settles when the server answers (the page's data refreshes through revalidation).
 * Each tap carries a fresh idempotency key, so a retried request records one tick.
 */
export function PortalDoneToggle({ programItemId, title, done }: { programItemId: string; title: string; done: boolean }) {
  const [optimistic, setOptimistic] = useOptimistic(done);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const tap = () => {
    const next = !optimistic;
    setError(null);
    startTransition(async () => {
      setOptimistic(next);
      try {
        const result = await completeExerciseAction(null, { programItemId, idempotencyKey: newKey(), done: next });
        if (!result.ok) setError(result.message);
      } catch {
        setError('Not saved: check your connection and tap again.');
      }
    });
  };

  return (
    <div>
      <button
        type="button"
        onClick={tap}
        aria-pressed={optimistic}
        aria-busy={pending || undefined}
        data-testid="done-toggle"
        className={`flex min-h-14 w-full items-center justify-center gap-2 rounded-xl px-4 text-lg font-semibold transition active:scale-[0.98] ${
          optimistic ? 'bg-green-700 text-white' : 'bg-white text-brand-800 ring-2 ring-brand-700'
        }`}
      >
        {optimistic ? (
          <>
            <span aria-hidden="true">✓</span> Done today <span className="text-sm font-normal underline">(undo)</span>
          </>
        ) : (
          'Mark as done'
        )}
        <span className="sr-only">: {title}</span>
      </button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
