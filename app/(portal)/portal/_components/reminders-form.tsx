'use client';

import { useActionState } from 'react';
import { saveRemindersAction } from '@/lib/actions/reminders/save-reminders';
import type { ReminderSettings } from '@/lib/data/reminders';

/** Daily exercise reminder by email: a time, the patient's time zone, quiet hours. A plain form. */
export function RemindersForm({ initial, email }: { initial: ReminderSettings; email: string | null }) {
  const [state, formAction, pending] = useActionState(saveRemindersAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const field = 'mt-1 min-h-12 w-full rounded-lg border border-slate-300 bg-white px-3 text-base';
  return (
    <form action={formAction} className="space-y-4" data-testid="reminders-form">
      <p className="text-base text-slate-700">{email ? `Reminders go to ${email}.` : 'Your practice has no email address for you yet: ask them to add one.'} Nothing is sent on a day you have already ticked an exercise.</p>
      <label className="block">
        <span className="font-semibold">Daily exercise reminder at</span>
        <input type="time" name="exerciseReminderAt" defaultValue={initial.exerciseReminderAt ?? ''} className={field} />
        <span className="text-sm text-slate-600">Leave empty for no reminder.</span>
        {errors.exerciseReminderAt?.map((e) => <span key={e} className="block text-red-700">{e}</span>)}
      </label>
      <label className="block">
        <span className="font-semibold">Your time zone</span>
        <input name="timeZone" defaultValue={initial.timeZone} className={field} />
        {errors.timeZone?.map((e) => <span key={e} className="block text-red-700">{e}</span>)}
      </label>
      <label className="flex min-h-12 items-center gap-3">
        <input type="checkbox" name="weeklySummary" defaultChecked={initial.weeklySummary} className="size-5" />
        <span>
          <span className="font-semibold">A weekly summary</span> on Monday morning: exercises done, how your pain went, one thing to focus on.
        </span>
      </label>
      <fieldset>
        <legend className="font-semibold">Quiet hours (optional): nothing is sent between</legend>
        <div className="mt-1 grid grid-cols-2 gap-2">
          <input type="time" name="quietFrom" aria-label="Quiet from" defaultValue={initial.quietFrom ?? ''} className={field} />
          <input type="time" name="quietUntil" aria-label="Quiet until" defaultValue={initial.quietUntil ?? ''} className={field} />
        </div>
        {errors.quietUntil?.map((e) => <span key={e} className="block text-red-700">{e}</span>)}
      </fieldset>
      {initial.unsubscribed && <p className="rounded-lg bg-amber-50 p-3 text-amber-950 ring-1 ring-amber-300">You stopped reminders from an email. Saving here turns them back on.</p>}
      {state?.ok && <p role="status" className="rounded-lg bg-green-50 p-3 text-green-900 ring-1 ring-green-600" data-testid="reminders-saved">Saved.</p>}
      <button type="submit" disabled={pending} className="min-h-12 w-full rounded-lg bg-brand-700 px-4 font-semibold text-white disabled:opacity-60">
        {pending ? 'Saving…' : 'Save reminders'}
      </button>
    </form>
  );
}
