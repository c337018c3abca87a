'use client';

import { useState } from 'react';
import { newKey } from '@/app/_components/portal-format';
import { Card } from '@/app/_components/ui';
import { FormMessage, SelectField, SubmitButton, TextField } from '@/app/_components/form';
import { useServerForm } from '@/app/_components/use-server-form';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { logSessionAction } from '@/lib/actions/entries/log-session';
import { ACTIVITIES } from '@/lib/validation/vocabulary';

const range = (n: number) => Array.from({ length: n + 1 }, (_, i) => ({ value: String(i), label: String(i) }));

/** Record a clinic-visit pain score or a session on the patient's behalf (same actions as the portal). */
export function ClinicLogForms({ patientId, today, distanceUnit }: { patientId: string; today: string; distanceUnit: 'km' | 'mi' }) {
  // A fresh key for each saved entry, so a repeated submit of the same entry is stored once. React
  // empties a form after its action; after a refusal the fields start from what was sent.
  const [painKey, setPainKey] = useState(() => newKey());
  const [sessionKey, setSessionKey] = useState(() => newKey());
  const pain = useServerForm(logPainAction, () => setPainKey(newKey()));
  const session = useServerForm(logSessionAction, () => setSessionKey(newKey()));
  return (
    <Card>
      <h2 className="text-lg font-semibold">Log for this patient</h2>
      <form action={pain.formAction} noValidate className="mt-2 grid grid-cols-2 items-end gap-2" aria-label="Clinic pain score">
        <input type="hidden" name="patientId" value={patientId} />
        <input type="hidden" name="idempotencyKey" value={painKey} />
        <SelectField label="Pain (0–10)" name="score" options={range(10)} placeholder="Choose" defaultValue={pain.keep.text('score')} errors={pain.errors.score} />
        <TextField label="Date" name="date" type="date" defaultValue={pain.keep.text('date', today)} max={today} errors={pain.errors.date} />
        <TextField className="col-span-2" label="Notes" name="notes" defaultValue={pain.keep.text('notes')} errors={pain.errors.notes} />
        <FormMessage state={pain.state} />
        {pain.state?.ok && <p role="status" className="col-span-2 text-sm text-green-800">Pain score saved.</p>}
        <SubmitButton className="col-span-2">Save pain score</SubmitButton>
      </form>
      <hr className="my-4 border-slate-200" />
      <form action={session.formAction} noValidate className="grid grid-cols-2 items-end gap-2" aria-label="Training session">
        <input type="hidden" name="patientId" value={patientId} />
        <input type="hidden" name="idempotencyKey" value={sessionKey} />
        <SelectField label="Activity" name="activity" options={ACTIVITIES.map((a) => ({ value: a, label: a[0]!.toUpperCase() + a.slice(1) }))} defaultValue={session.keep.text('activity', 'run')} errors={session.errors.activity} />
        <TextField label="Date" name="date" type="date" defaultValue={session.keep.text('date', today)} max={today} errors={session.errors.date} />
        <TextField label="Minutes" name="durationMin" inputMode="decimal" defaultValue={session.keep.text('durationMin')} errors={session.errors.durationMin} />
        <TextField label={`Distance (${distanceUnit})`} name="distance" inputMode="decimal" defaultValue={session.keep.text('distance')} errors={session.errors.distance} />
        <SelectField label="Effort (RPE 0–10)" name="rpe" options={range(10)} placeholder="Choose" defaultValue={session.keep.text('rpe')} errors={session.errors.rpe} />
        <SelectField label="Pain during" name="painDuring" options={range(10)} placeholder="—" defaultValue={session.keep.text('painDuring')} errors={session.errors.painDuring} />
        <FormMessage state={session.state} />
        {session.state?.ok && <p role="status" className="col-span-2 text-sm text-green-800">Session saved.</p>}
        <SubmitButton className="col-span-2">Save session</SubmitButton>
      </form>
    </Card>
  );
}
