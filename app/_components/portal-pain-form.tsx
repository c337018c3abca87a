'use client';

import { useId, useState } from 'react';
import { TextAreaField, TextField } from './form';
import { CorrectionReasonField, EntryFormFooter } from './portal-entry-form';
import { ChipGroup, CheckList, ScaleField, useScrollToFirstError } from './portal-choice';
import { newKey } from './portal-format';
import { RedFlagNotice } from './portal-red-flag-notice';
import { useFormAction } from './use-form-action';
import type { ActionResult } from '@/lib/actions/result';
import type { CareContact } from '@/lib/practice-contact';
import type { SafetyReceipt } from '@/lib/safety/receipt';
import { correctPainAction } from '@/lib/actions/entries/correct-pain';
import { logPainAction } from '@/lib/actions/entries/log-pain';
import { PAIN_ANCHORS, PAIN_LOCATION_LABELS, PAIN_TIMING_LABELS } from '@/lib/validation/vocabulary';
import { redFlagsOf, SYMPTOMS } from '@/lib/validation/symptoms';

const toOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
// Review-tier signs (pain that woke you) sit with the everyday symptoms: worth telling, not alarming.
const COMMON = SYMPTOMS.filter((s) => s.tier === null || s.tier === 'review').map((s) => ({ value: s.key, label: s.label }));
const WARNING = SYMPTOMS.filter((s) => s.tier === 'emergency' || s.tier === 'same-day').map((s) => ({ value: s.key, label: s.label }));

export type PainInitial = { score: number; locations: string[]; timing: string | null; symptoms: string[]; notes: string | null; date: string };
export type PainSaved = { score: number; redFlags: string[]; safety: SafetyReceipt | null };

type Props = {
  mode: 'log' | 'correct';
  /** The first submission key (rendered on the server so the hidden field hydrates cleanly). */
  initialKey?: string;
  today: string;
  contact: CareContact;
  initial?: PainInitial;
  correctsId?: string;
  onSaved: (saved: PainSaved) => void;
  onCancel?: () => void;
};

/** Log pain, or correct a pain entry (same fields plus a reason): the clinic's actions, the patient's own record. */
export function PortalPainForm({ mode, initialKey, today, contact, initial, correctsId, onSaved, onCancel }: Props) {
  const hintId = useId();
  const [key] = useState(() => initialKey ?? newKey());
  const [symptoms, setSymptoms] = useState<string[]>(initial?.symptoms ?? []);
  const submit = async (prev: unknown, form: FormData): Promise<ActionResult<PainSaved>> => {
    // Without a score the shared schema lets the request through to a database error
    // (see the report to the lead); ask for it here first.
    if (!form.get('score')) return { ok: false, code: 'invalid', message: 'Please choose a pain score from 0 to 10.', fieldErrors: { score: ['Choose a pain score from 0 to 10'] } };
    const score = Number(form.get('score'));
    if (mode === 'log') {
      const logged = await logPainAction(prev, form);
      return logged.ok ? { ok: true, data: { score, redFlags: logged.data.redFlags, safety: logged.data.safety } } : logged;
    }
    const corrected = await correctPainAction(prev, form);
    return corrected.ok ? { ok: true, data: { score, redFlags: redFlagsOf(form.getAll('symptoms').map(String)), safety: corrected.data.safety } } : corrected;
  };
  const { state, pending, onSubmit, errors } = useFormAction(submit, (data) => onSaved(data));
  const formRef = useScrollToFirstError(state);
  const toggle = (value: string, checked: boolean) => setSymptoms((s) => (checked ? [...new Set([...s, value])] : s.filter((v) => v !== value)));
  const dateField = <TextField label="Date" name="date" type="date" max={today} defaultValue={initial?.date ?? today} errors={errors.date} />;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6" data-testid={mode === 'log' ? 'pain-form' : 'pain-correct-form'}>
      <input type="hidden" name="idempotencyKey" value={key} />
      {correctsId && <input type="hidden" name="correctsId" value={correctsId} />}
      <ScaleField name="score" legend="How bad is your pain?" anchors={PAIN_ANCHORS} defaultValue={initial?.score} errors={errors.score} testId="pain-score" />
      <ChipGroup type="checkbox" name="locations" legend="Where does it hurt?" options={toOptions(PAIN_LOCATION_LABELS)} defaultValue={initial?.locations} errors={errors.locations} />
      <ChipGroup type="radio" name="timing" legend="When does it hurt most?" options={toOptions(PAIN_TIMING_LABELS)} defaultValue={initial?.timing} errors={errors.timing} />
      <fieldset>
        <legend className="text-base font-semibold text-slate-900">Anything else?</legend>
        <div className="mt-2">
          <CheckList name="symptoms" options={COMMON} defaultValue={initial?.symptoms} onChange={toggle} />
        </div>
      </fieldset>
      <fieldset aria-describedby={hintId}>
        <legend className="text-base font-semibold text-slate-900">Warning signs</legend>
        <p id={hintId} className="text-sm text-slate-600">
          Tick any you have noticed. It helps your physio keep you safe.
        </p>
        <div className="mt-2">
          <CheckList name="symptoms" options={WARNING} defaultValue={initial?.symptoms} onChange={toggle} tone="red" />
        </div>
      </fieldset>
      <div aria-live="assertive">
        <RedFlagNotice symptoms={symptoms} contact={contact} />
      </div>
      <TextAreaField label="Notes (optional)" name="notes" rows={2} maxLength={1000} defaultValue={initial?.notes ?? ''} errors={errors.notes} />
      {mode === 'log' ? (
        <details className="rounded-xl bg-slate-50 px-3 ring-1 ring-slate-200">
          <summary className="flex min-h-11 cursor-pointer items-center text-base font-medium text-slate-800">Logging for an earlier day? <span className="ml-1 text-sm font-normal text-slate-600">(today by default)</span></summary>
          <div className="pb-3">{dateField}</div>
        </details>
      ) : (
        <>
          {dateField}
          <CorrectionReasonField errors={errors.reason} />
        </>
      )}
      <EntryFormFooter state={state} pending={pending} label={mode === 'log' ? 'Save pain' : 'Save correction'} onCancel={onCancel} />
    </form>
  );
}
