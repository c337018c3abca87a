'use client';

import { useActionState } from 'react';
import { ToleranceVerdictCard } from '@/app/_components/tolerance-verdict';
import { checkInSessionAction } from '@/lib/actions/entries/check-in-session';
import { MORNING_AFTER, MORNING_AFTER_LABELS, type PainMonitoringLimits, type SessionTolerance } from '@/lib/analytics/pain-monitoring';

/**
 * "How is your back this morning?" after a run or strength session: one tap, posted as a
 * plain form (works before hydration); the answer comes back as the session's verdict.
 */
export function MorningCheckIn({ sessionId, sessionLabel, painDuring, limits, answered }: { sessionId: string; sessionLabel: string; painDuring: number | null; limits: PainMonitoringLimits; answered: SessionTolerance | null }) {
  const [state, formAction, pending] = useActionState(checkInSessionAction, null);
  // Answered: the verdict from this answer, or (after the page refreshed) from the server.
  const tolerance = state?.ok ? state.data.tolerance : answered;
  if (tolerance) {
    return (
      <div className="space-y-2" data-testid="morning-check-in-done">
        <p className="text-sm text-slate-700">Thanks: your answer about {sessionLabel} is saved, and your physio can see it.</p>
        <ToleranceVerdictCard tolerance={tolerance} session={{ painDuring }} limits={limits} />
      </div>
    );
  }
  return (
    <form action={formAction} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="morning-check-in" data-session-id={sessionId}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <fieldset>
        <legend className="text-base font-semibold">After {sessionLabel}: how are your back’s pain and stiffness this morning?</legend>
        <div className="mt-3 grid grid-cols-3 gap-2">
          {MORNING_AFTER.map((value) => (
            <button
              key={value}
              type="submit"
              name="morningAfter"
              value={value}
              disabled={pending}
              className="min-h-14 rounded-xl bg-slate-50 px-2 text-base font-semibold text-slate-900 ring-1 ring-slate-300 hover:bg-brand-50 disabled:opacity-60"
            >
              {MORNING_AFTER_LABELS[value]}
            </button>
          ))}
        </div>
      </fieldset>
      {state && !state.ok && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
