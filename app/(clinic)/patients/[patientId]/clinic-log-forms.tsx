'use client';

import { useState } from 'react';
import { newKey } from '@/app/_components/portal-format';
import { Card } from '@/app/_components/ui';
import { FormMessage, SelectField, SubmitButton, TextField } from '@/app/_components/form';
import { useFormAction } from '@/app/_components/use-form-action';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { ACTIVITIES } from '@/lib/validation/vocabulary';

const range = (n: number) => Array.from({ length: n + 1 }, (_, i) => ({ value: String(i), label: String(i) }));

/** Record a clinic-visit pain score or a session on the patient's behalf (same actions as the portal). */
export function ClinicLogForms({ patientId, today, distanceUnit }: { patientId: string; today: string; distanceUnit: 'km' | 'mi' }) {
  const [painKey, setPainKey] = useState(() => newKey());
  const [sessionKey, setSessionKey] = useState(() => newKey());
  const pain = useFormAction(logPainAction, (_d, form) => { form.reset(); setPainKey(newKey()); });
  const session = useFormAction(logSessionAction, (_d, form) => { form.reset(); setSessionKey(newKey()); });
  return (
    <Card>
      <h2 className="text-lg font-semibold">Log for this patient</h2>
      <form onSubmit={pain.onSubmit} noValidate className="mt-2 grid grid-cols-2 items-end gap-2" aria-label="Clinic pain score">
        <input type="hidden" name="patientId" value={patientId} />
        <input type="hidden" name="idempotencyKey" value={painKey} />
        <SelectField label="Pain (0–10)" name="score" options={range(10)} placeholder="Choose" errors={pain.errors.score} />
        <TextField label="Date" name="date" type="date" defaultValue={today} max={today} errors={pain.errors.date} />
        <TextField className="col-span-2" label="Notes" name="notes" errors={pain.errors.notes} />
        <FormMessage state={pain.state} />
        {pain.state?.ok && <p role="status" className="col-span-2 text-sm text-green-800">Pain score saved.</p>}
        <SubmitButton className="col-span-2" pending={pain.pending}>Save pain score</SubmitButton>
      </form>
      <hr className="my-4 border-slate-200" />
      <form onSubmit={session.onSubmit} noValidate className="grid grid-cols-2 items-end gap-2" aria-label="Training session">
        <input type="hidden" name="patientId" value={patientId} />
        <input type="hidden" name="idempotencyKey" value={sessionKey} />
        <SelectField label="Activity" name="activity" options={ACTIVITIES.map((a) => ({ value: a, label: a[0]!.toUpperCase() + a.slice(1) }))} defaultValue="run" errors={session.errors.activity} />
        <TextField label="Date" name="date" type="date" defaultValue={today} max={today} errors={session.errors.date} />
        <TextField label="Minutes" name="durationMin" inputMode="decimal" errors={session.errors.durationMin} />
        <TextField label={`Distance (${distanceUnit})`} name="distance" inputMode="decimal" errors={session.errors.distance} />
        <SelectField label="Effort (RPE 0–10)" name="rpe" options={range(10)} placeholder="Choose" errors={session.errors.rpe} />
        <SelectField label="Pain during" name="painDuring" options={range(10)} placeholder="—" errors={session.errors.painDuring} />
        <FormMessage state={session.state} />
        {session.state?.ok && <p role="status" className="col-span-2 text-sm text-green-800">Session saved.</p>}
        <SubmitButton className="col-span-2" pending={session.pending}>Save session</SubmitButton>
      </form>
    </Card>
  );
}
