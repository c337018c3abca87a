'use client';

import { useState } from 'react';
import { TextAreaField, TextField } from './form';
import { CorrectionReasonField, EntryFormFooter } from './portal-entry-form';
import { ChipGroup, ScaleField, useScrollToFirstError } from './portal-choice';
import { newKey, type DistanceUnit } from './portal-format';
import { useFormAction } from './use-form-action';
import type { ActionResult } from '@/lib/actions/result';
import { correctSessionAction } from '@/lib/actions/entries/correct-session';
import { logSessionAction, type LoggedSession } from '@/lib/actions/entries/log-session';
import { ACTIVITY_LABELS, DISTANCE_ACTIVITIES, PAIN_ANCHORS, RPE_ANCHORS, TERRAIN_LABELS } from '@/lib/validation/vocabulary';

const TERRAIN_ACTIVITIES = new Set(['run', 'walk', 'cycle']);
const toOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export type SessionInitial = {
  activity: string; date: string; durationMin: number; distance: number | null; rpe: number; terrain: string | null; painDuring: number | null; notes: string | null;
};
export type SessionSaved = { activity: string; durationMin: number; distance: number | null; rpe: number; painDuring: number | null; monitoring: Omit<LoggedSession, 'id' | 'duplicate'> | null };

type Props = {
  mode: 'log' | 'correct';
  initialKey?: string;
  today: string;
  unit: DistanceUnit;
  initial?: SessionInitial;
  correctsId?: string;
  onSaved: (saved: SessionSaved) => void;
  onCancel?: () => void;
};

/** Log a run or other session, or correct one; distance is typed in the practice's unit. */
export function PortalSessionForm({ mode, initialKey, today, unit, initial, correctsId, onSaved, onCancel }: Props) {
  const [key] = useState(() => initialKey ?? newKey());
  const [activity, setActivity] = useState(initial?.activity ?? 'run');
  const submit = async (prev: unknown, form: FormData): Promise<ActionResult<SessionSaved>> => {
    const result: ActionResult<{ id: string } | LoggedSession> = mode === 'log' ? await logSessionAction(prev, form) : await correctSessionAction(prev, form);
    if (!result.ok && !form.get('rpe') && result.fieldErrors.rpe) result.fieldErrors.rpe = ['Choose how hard it was, from 0 to 10'];
    if (!result.ok) return result;
    const distance = form.get('distance');
    const painDuring = form.get('painDuring');
    // A logged session comes back with its pain-monitoring verdict so far; a correction does not.
    const logged = 'tolerance' in result.data ? result.data : null;
    const monitoring = logged ? { tolerance: logged.tolerance, limits: logged.limits, notTolerated: logged.notTolerated } : null;
    return {
      ok: true,
      data: {
        activity: String(form.get('activity')), durationMin: Number(form.get('durationMin')), distance: distance ? Number(distance) : null, rpe: Number(form.get('rpe')),
        painDuring: painDuring ? Number(painDuring) : null, monitoring,
      },
    };
  };
  const { state, pending, onSubmit, errors } = useFormAction(submit, onSaved);
  const formRef = useScrollToFirstError(state);
  const hasDistance = DISTANCE_ACTIVITIES.has(activity);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6" data-testid={mode === 'log' ? 'session-form' : 'session-correct-form'}>
      <input type="hidden" name="idempotencyKey" value={key} />
      {correctsId && <input type="hidden" name="correctsId" value={correctsId} />}
      <ChipGroup type="radio" name="activity" legend="What did you do?" columns={3} options={toOptions(ACTIVITY_LABELS)} defaultValue={activity} errors={errors.activity} onChange={(v) => setActivity(v)} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Duration (min)" name="durationMin" type="number" inputMode="numeric" min={1} max={1440} step={1} defaultValue={initial?.durationMin ?? ''} errors={errors.durationMin} placeholder="e.g. 40" />
        {/* Kept mounted (disabled, so not posted) when hidden: switching activity back keeps what was typed. */}
        <div hidden={!hasDistance}>
          <TextField label={`Distance (${unit})`} name="distance" type="number" inputMode="decimal" min={0} step={0.01} disabled={!hasDistance} defaultValue={initial?.distance ?? ''} errors={errors.distance} placeholder="optional" />
        </div>
        <TextField label="Date" name="date" type="date" max={today} defaultValue={initial?.date ?? today} errors={errors.date} />
      </div>
      <ScaleField name="rpe" legend="How hard was it overall?" hint="Effort for the whole session, 0 (rest) to 10 (maximal)." anchors={RPE_ANCHORS} defaultValue={initial?.rpe} errors={errors.rpe} testId="rpe" />
      <fieldset hidden={!TERRAIN_ACTIVITIES.has(activity)} disabled={!TERRAIN_ACTIVITIES.has(activity)}>
        <ChipGroup type="radio" name="terrain" legend="Terrain (optional)" options={toOptions(TERRAIN_LABELS)} defaultValue={initial?.terrain} errors={errors.terrain} />
      </fieldset>
      <ScaleField name="painDuring" legend="Pain during it (optional)" anchors={PAIN_ANCHORS} defaultValue={initial?.painDuring ?? null} errors={errors.painDuring} optional compact testId="pain-during" />
      <TextAreaField label="Notes (optional)" name="notes" rows={2} maxLength={1000} defaultValue={initial?.notes ?? ''} errors={errors.notes} />
      {mode === 'correct' && (
        <CorrectionReasonField errors={errors.reason} />
      )}
      <EntryFormFooter state={state} pending={pending} label={mode === 'log' ? 'Save session' : 'Save correction'} onCancel={onCancel} />
    </form>
  );
}
