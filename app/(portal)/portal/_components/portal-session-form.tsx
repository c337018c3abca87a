'use client';

import { useState } from 'react';
import { TextAreaField, TextField } from '@/app/_components/form';
import { CorrectionReasonField, EntryFormFooter } from '@/app/_components/portal-entry-form';
import { ChipGroup, ScaleField, useScrollToFirstError } from '@/app/_components/portal-choice';
import type { DistanceUnit } from '@/app/_components/portal-format';
import type { FormValues } from '@/lib/actions/form-values';
import { ACTIVITY_LABELS, DISTANCE_ACTIVITIES, PAIN_ANCHORS, RPE_ANCHORS, TERRAIN_LABELS } from '@/lib/validation/vocabulary';
import { useOfflineForm } from './offline-form';
import { portalCorrectSessionAction, portalLogSessionAction } from './portal-entry-actions';
import { numberOrNull, sessionSavedFrom, type SessionSaved } from './portal-entry-types';
import { SessionSavedView } from './portal-saved';

const TERRAIN_ACTIVITIES = new Set(['run', 'walk', 'cycle']);
const toOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export type { SessionSaved };
export type SessionInitial = {
  activity: string; date: string; durationMin: number; distance: number | null; rpe: number; terrain: string | null; painDuring: number | null; notes: string | null;
};

/** Kept on the phone offline: what was typed; the pain-monitoring verdict comes once it is sent. */
const queuedSession = (fields: FormValues): SessionSaved => sessionSavedFrom(fields, null, true);

type Props = {
  mode: 'log' | 'correct';
  initialKey?: string;
  today: string;
  unit: DistanceUnit;
  initial?: SessionInitial;
  correctsId?: string;
  onSaved?: (saved: SessionSaved) => void;
  onCancel?: () => void;
  onAgain?: () => void;
};

/** Log a run or other session, or correct one; distance is typed in the practice's unit. Offline, a new log is kept on the phone. */
export function PortalSessionForm({ mode, initialKey, today, unit, initial, correctsId, onSaved, onCancel, onAgain }: Props) {
  const { state, formAction, pending, errors, keep } = useOfflineForm<SessionSaved>(
    mode === 'log' ? portalLogSessionAction : portalCorrectSessionAction,
    mode === 'log' ? { kind: 'session', queued: queuedSession, answersWithoutRerender: true } : null,
    onSaved,
  );
  const [activity, setActivity] = useState(() => keep.text('activity', initial?.activity ?? 'run') || 'run');
  const formRef = useScrollToFirstError(state);
  if (mode === 'log' && state?.ok) return <SessionSavedView saved={state.data} unit={unit} onAgain={onAgain} />;
  const hasDistance = DISTANCE_ACTIVITIES.has(activity);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-6" data-testid={mode === 'log' ? 'session-form' : 'session-correct-form'}>
      <input type="hidden" name="idempotencyKey" value={initialKey ?? ''} />
      {correctsId && <input type="hidden" name="correctsId" value={correctsId} />}
      <ChipGroup type="radio" name="activity" legend="What did you do?" columns={3} options={toOptions(ACTIVITY_LABELS)} defaultValue={activity} errors={errors.activity} onChange={(v) => setActivity(v)} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Duration (min)" name="durationMin" type="number" inputMode="numeric" min={1} max={1440} step={1} defaultValue={keep.text('durationMin', initial?.durationMin)} errors={errors.durationMin} placeholder="e.g. 40" />
        {/* Kept mounted (disabled, so not posted) when hidden: switching activity back keeps what was typed. */}
        <div hidden={!hasDistance}>
          <TextField label={`Distance (${unit})`} name="distance" type="number" inputMode="decimal" min={0} step={0.01} disabled={!hasDistance} defaultValue={keep.text('distance', initial?.distance)} errors={errors.distance} placeholder="optional" />
        </div>
        <TextField label="Date" name="date" type="date" max={today} defaultValue={keep.text('date', initial?.date ?? today)} errors={errors.date} />
      </div>
      <ScaleField name="rpe" legend="How hard was it overall?" hint="Effort for the whole session, 0 (rest) to 10 (maximal)." anchors={RPE_ANCHORS} defaultValue={numberOrNull(keep.text('rpe', initial?.rpe))} errors={errors.rpe} testId="rpe" />
      <fieldset hidden={!TERRAIN_ACTIVITIES.has(activity)} disabled={!TERRAIN_ACTIVITIES.has(activity)}>
        <ChipGroup type="radio" name="terrain" legend="Terrain (optional)" options={toOptions(TERRAIN_LABELS)} defaultValue={keep.text('terrain', initial?.terrain)} errors={errors.terrain} />
      </fieldset>
      <ScaleField name="painDuring" legend="Pain during it (optional)" anchors={PAIN_ANCHORS} defaultValue={numberOrNull(keep.text('painDuring', initial?.painDuring))} errors={errors.painDuring} optional compact testId="pain-during" />
      <TextAreaField label="Notes (optional)" name="notes" rows={2} maxLength={1000} defaultValue={keep.text('notes', initial?.notes)} errors={errors.notes} />
      {mode === 'correct' && <CorrectionReasonField errors={errors.reason} />}
      <EntryFormFooter state={state} pending={pending} label={mode === 'log' ? 'Save session' : 'Save correction'} onCancel={onCancel} />
    </form>
  );
}
