'use client';

import { useActionState } from 'react';
import { sendProgramAction } from '@/lib/actions/programs/send-program';

/** "Send to patient": the program as a PDF by email; the answer says what really happened. */
export function SendProgramButton({ patientId }: { patientId: string }) {
  const [state, formAction, pending] = useActionState(sendProgramAction, null);
  return (
    <form action={formAction} className="contents" data-testid="send-program">
      <input type="hidden" name="patientId" value={patientId} />
      <button type="submit" disabled={pending} className="inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60">
        {pending ? 'Sending…' : 'Send to patient'}
      </button>
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`w-full text-sm ${state.ok && state.data.outcome === 'sent' ? 'text-green-800' : 'text-amber-900'}`} data-testid="send-program-result">
          {!state.ok ? state.message : state.data.outcome === 'sent' ? `Emailed to ${state.data.to} as a PDF.` : 'Not emailed: no mail server is set up for this practice. Print the handout instead.'}
        </p>
      )}
    </form>
  );
}
