'use client';

import { useId, useState } from 'react';
import { TextAreaField, TextField } from '@/app/_components/form';
import { CorrectionReasonField, EntryFormFooter } from '@/app/_components/portal-entry-form';
import { ChipGroup, CheckList, ScaleField, useScrollToFirstError } from '@/app/_components/portal-choice';
import { RedFlagNotice } from '@/app/_components/portal-red-flag-notice';
import type { CareContact } from '@/lib/practice-contact';
import { PAIN_ANCHORS, PAIN_LOCATION_LABELS, PAIN_TIMING_LABELS } from '@/lib/validation/vocabulary';
import { SYMPTOMS } from '@/lib/validation/symptoms';
import { useOfflineForm } from './offline-form';
import { portalCorrectPainAction, portalLogPainAction } from './portal-entry-actions';
import { numberOrNull, painSavedFrom, type PainSaved } from './portal-entry-types';
import { PainSavedView } from './portal-saved';

const toOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
// Review-tier signs (pain that woke you) sit with the everyday symptoms: worth telling, not alarming.
const COMMON = SYMPTOMS.filter((s) => s.tier === null || s.tier === 'review').map((s) => ({ value: s.key, label: s.label }));
const WARNING = SYMPTOMS.filter((s) => s.tier === 'emergency' || s.tier === 'same-day').map((s) => ({ value: s.key, label: s.label }));

export type { PainSaved };
export type PainInitial = { score: number; locations: string[]; timing: string | null; symptoms: string[]; notes: string | null; date: string };

/** Kept on the phone offline: what was typed, and nobody told yet. */
const queuedPain = (fields: Record<string, string | string[]>): PainSaved => painSavedFrom(fields, null, true);

type Props = {
  mode: 'log' | 'correct';
  /** The submission key for a post without JavaScript (the browser makes its own once hydrated). */
  initialKey?: string;
  today: string;
  contact: CareContact;
  initial?: PainInitial;
  correctsId?: string;
  /** Correct mode: after the correction is saved. */
  onSaved?: (saved: PainSaved) => void;
  onCancel?: () => void;
  /** Log mode: "Log another" (a fresh form); without JavaScript it is a link to an empty form. */
  onAgain?: () => void;
};

/**
 * Log pain, or correct a pain entry (same fields plus a reason): the clinic's actions, the
 * patient's own record. A plain form post without JavaScript; offline, a new log is kept on
 * the phone and sent later (corrections need a connection).
 */
export function PortalPainForm({ mode, initialKey, today, contact, initial, correctsId, onSaved, onCancel, onAgain }: Props) {
  const hintId = useId();
  const { state, formAction, pending, errors, keep } = useOfflineForm<PainSaved>(
    mode === 'log' ? portalLogPainAction : portalCorrectPainAction,
    mode === 'log' ? { kind: 'pain', queued: queuedPain, answersWithoutRerender: true } : null,
    onSaved,
  );
  const [symptoms, setSymptoms] = useState<string[]>(() => keep.list('symptoms', initial?.symptoms));
  const formRef = useScrollToFirstError(state);
  if (mode === 'log' && state?.ok) return <PainSavedView saved={state.data} contact={contact} onAgain={onAgain} />;

  const toggle = (value: string, checked: boolean) => setSymptoms((s) => (checked ? [...new Set([...s, value])] : s.filter((v) => v !== value)));
  const dateField = <TextField label="Date" name="date" type="date" max={today} defaultValue={keep.text('date', initial?.date ?? today)} errors={errors.date} />;
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-6" data-testid={mode === 'log' ? 'pain-form' : 'pain-correct-form'}>
      <input type="hidden" name="idempotencyKey" value={initialKey ?? ''} />
      {correctsId && <input type="hidden" name="correctsId" value={correctsId} />}
      <ScaleField name="score" legend="How bad is your pain?" anchors={PAIN_ANCHORS} defaultValue={numberOrNull(keep.text('score', initial?.score))} errors={errors.score} testId="pain-score" />
      <ChipGroup type="checkbox" name="locations" legend="Where does it hurt?" options={toOptions(PAIN_LOCATION_LABELS)} defaultValue={keep.list('locations', initial?.locations)} errors={errors.locations} />
      <ChipGroup type="radio" name="timing" legend="When does it hurt most?" options={toOptions(PAIN_TIMING_LABELS)} defaultValue={keep.text('timing', initial?.timing)} errors={errors.timing} />
      <fieldset>
        <legend className="text-base font-semibold text-slate-900">Anything else?</legend>
        <div className="mt-2">
          <CheckList name="symptoms" options={COMMON} defaultValue={keep.list('symptoms', initial?.symptoms)} onChange={toggle} />
        </div>
      </fieldset>
      <fieldset aria-describedby={hintId}>
        <legend className="text-base font-semibold text-slate-900">Warning signs</legend>
        <p id={hintId} className="text-sm text-slate-600">
          Tick any you have noticed. It helps your physio keep you safe.
        </p>
        <div className="mt-2">
          <CheckList name="symptoms" options={WARNING} defaultValue={keep.list('symptoms', initial?.symptoms)} onChange={toggle} tone="red" />
        </div>
      </fieldset>
      <div aria-live="assertive">
        <RedFlagNotice symptoms={symptoms} contact={contact} />
      </div>
      <TextAreaField label="Notes (optional)" name="notes" rows={2} maxLength={1000} defaultValue={keep.text('notes', initial?.notes)} errors={errors.notes} />
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
