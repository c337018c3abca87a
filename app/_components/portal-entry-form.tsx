'use client';

import { FormMessage, SubmitButton, TextField } from './form';

// The parts the portal's pain and session forms share: why a correction is made, and the
// message, save and cancel row under the form.
export function CorrectionReasonField({ errors }: { errors?: string[] | undefined }) {
  return <TextField label="What was wrong? (kept with the old entry)" name="reason" required minLength={3} maxLength={300} errors={errors} autoComplete="off" />;
}

export function EntryFormFooter({ state, pending, label, onCancel }: { state: { ok: boolean; message?: string } | null; pending: boolean; label: string; onCancel?: (() => void) | undefined }) {
  return (
    <>
      <FormMessage state={state} />
      <div className="flex gap-2">
        <SubmitButton pending={pending} pendingLabel="Saving…" className="min-h-12 flex-1">
          {label}
        </SubmitButton>
        {onCancel && (
          <button type="button" onClick={onCancel} className="min-h-12 rounded-lg px-4 font-semibold text-slate-800 ring-1 ring-slate-300">
            Cancel
          </button>
        )}
      </div>
    </>
  );
}
