'use client';

import { useState } from 'react';
import { FormMessage, SubmitButton, TextField } from './form';
import { anchorWord, type DistanceUnit } from './portal-format';
import { PortalPainForm, type PainSaved } from '@/app/(portal)/portal/_components/portal-pain-form';
import { RedFlagNotice } from './portal-red-flag-notice';
import { PortalSessionForm } from '@/app/(portal)/portal/_components/portal-session-form';
import { Badge } from './ui';
import { useServerForm } from './use-server-form';
import { voidEntryAction } from '@/lib/actions/entries/void-entry';
import { ACTIVITY_LABELS, PAIN_ANCHORS, painWhereWhen, RPE_ANCHORS, TERRAIN_LABELS } from '@/lib/validation/vocabulary';
import type { CareContact } from '@/lib/practice-contact';
import { symptomLabel } from '@/lib/validation/symptoms';
import { formatDate } from '@/lib/format';
import { RatedNotice, RateImportForm, useRateImport } from './rate-import-form';

type Common = {
  id: string;
  date: string;
  notes: string | null;
  /** active, removed (voided) or corrected (voided and replaced by a newer entry). */
  status: 'active' | 'removed' | 'corrected';
  voidReason: string | null;
  isCorrection: boolean;
  byClinic: boolean;
};
export type PainEntry = Common & { kind: 'pain'; score: number; locations: string[]; timing: string | null; symptoms: string[]; redFlags: string[]; safetyNote?: string | null };
export type SessionEntry = Common & {
  kind: 'session'; activity: string; durationMin: number; distance: number | null; terrain: string | null; painDuring: number | null;
  /** Null for an imported run the patient has not rated yet. */
  rpe: number | null;
  /** Imported from a watch or phone file (lib/import). */
  imported?: boolean;
};
export type HistoryEntry = PainEntry | SessionEntry;

function RemoveForm({ entry, onDone, onCancel }: { entry: HistoryEntry; onDone: () => void; onCancel: () => void }) {
  const { state, formAction, errors, keep } = useServerForm(voidEntryAction, onDone);
  return (
    <form action={formAction} noValidate className="space-y-3" data-testid="remove-form">
      <input type="hidden" name="kind" value={entry.kind} />
      <input type="hidden" name="id" value={entry.id} />
      <p className="text-base text-slate-800">The entry stays in your record, marked as removed, and no longer counts in your charts.</p>
      <TextField label="Why remove it?" name="reason" required minLength={3} maxLength={300} defaultValue={keep.text('reason')} errors={errors.reason} autoComplete="off" placeholder="e.g. logged twice" />
      <FormMessage state={state} />
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Removing…" variant="danger" className="min-h-12 flex-1">
          Remove entry
        </SubmitButton>
        <button type="button" onClick={onCancel} className="min-h-12 rounded-lg px-4 font-semibold text-slate-800 ring-1 ring-slate-300">
          Cancel
        </button>
      </div>
    </form>
  );
}

function Summary({ entry, unit }: { entry: HistoryEntry; unit: DistanceUnit }) {
  if (entry.kind === 'pain') {
    const where = painWhereWhen(entry.locations, entry.timing).join(' · ');
    const other = entry.symptoms.filter((s) => !entry.redFlags.includes(s));
    return (
      <>
        <p className="text-base font-semibold">
          Pain {entry.score}/10 {PAIN_ANCHORS[entry.score] && <span className="font-normal text-slate-700">· {PAIN_ANCHORS[entry.score]}</span>}
        </p>
        {where && <p className="text-sm text-slate-700">{where}</p>}
        {entry.redFlags.length > 0 && <p className="text-sm font-medium text-red-800">Warning signs: {entry.redFlags.map(symptomLabel).join('; ')}</p>}
        {entry.safetyNote && <p className="text-sm text-slate-700" data-testid="safety-note">{entry.safetyNote}</p>}
        {other.length > 0 && <p className="text-sm text-slate-700">{other.map(symptomLabel).join('; ')}</p>}
      </>
    );
  }
  const head = [ACTIVITY_LABELS[entry.activity] ?? entry.activity, `${entry.durationMin} min`, entry.distance !== null ? `${entry.distance.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${unit}` : null].filter(Boolean).join(' · ');
  const meta = [entry.rpe === null ? 'Effort not rated yet' : `Effort ${entry.rpe}/10 (${anchorWord(entry.rpe, RPE_ANCHORS)})`, entry.imported ? 'Imported' : null, entry.terrain ? TERRAIN_LABELS[entry.terrain] ?? entry.terrain : null, entry.painDuring !== null ? `pain during ${entry.painDuring}/10` : null].filter(Boolean).join(' · ');
  return (
    <>
      <p className="text-base font-semibold">{head}</p>
      <p className="text-sm text-slate-700">{meta}</p>
    </>
  );
}

/** One logged entry; "Change" offers correct or remove. Removed and corrected entries stay visible, struck through. */
export function PortalHistoryEntry({ entry, today, unit, contact }: { entry: HistoryEntry; today: string; unit: DistanceUnit; contact: CareContact }) {
  const [open, setOpen] = useState<'menu' | 'correct' | 'remove' | null>(null);
  const [savedFlags, setSavedFlags] = useState<PainSaved | null>(null);
  const voided = entry.status !== 'active';
  const changeable = !voided && !entry.byClinic;
  const close = () => setOpen(null);
  // Rating an imported run makes it an ordinary run and closes its form: the answer stays here.
  const rating = useRateImport(close);
  const button = 'min-h-11 rounded-lg px-3 text-base font-semibold ring-1 ring-slate-300';
  return (
    <li className={`rounded-2xl p-3 ring-1 ${voided ? 'bg-slate-50 ring-slate-200' : 'bg-white shadow-sm ring-slate-200'}`} data-testid={`entry-${entry.kind}`} data-status={entry.status} data-entry-id={entry.id}>
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          {(voided || entry.isCorrection || entry.byClinic) && (
            <div className="mb-1 flex flex-wrap gap-1">
              {entry.status === 'removed' && <Badge>Removed</Badge>}
              {entry.status === 'corrected' && <Badge>Corrected: replaced</Badge>}
              {entry.isCorrection && <Badge tone="brand">Corrected entry</Badge>}
              {entry.byClinic && <Badge tone="brand">Entered at the clinic</Badge>}
            </div>
          )}
          <div className={voided ? 'text-slate-600 line-through decoration-slate-500' : ''}>
            <Summary entry={entry} unit={unit} />
            {entry.notes && <p className="mt-1 text-sm text-slate-700">“{entry.notes}”</p>}
          </div>
          {voided && entry.voidReason && <p className="mt-1 text-sm text-slate-700">Reason: {entry.voidReason}</p>}
        </div>
        {changeable && open === null && (
          <button type="button" onClick={() => setOpen('menu')} className={`${button} shrink-0 text-brand-800`} data-testid="entry-change">
            Change
          </button>
        )}
      </div>

      {entry.kind === 'session' && entry.imported && (
        <RatedNotice state={rating.state} className="mt-3" />
      )}
      {open === 'menu' && (
        <div className="mt-3 grid grid-cols-3 gap-2">
          <button type="button" onClick={() => setOpen('correct')} className={`${button} text-brand-800`} data-testid="entry-correct">
            Correct
          </button>
          <button type="button" onClick={() => setOpen('remove')} className={`${button} text-red-800`} data-testid="entry-remove">
            Remove
          </button>
          <button type="button" onClick={close} className={`${button} text-slate-800`}>
            Cancel
          </button>
        </div>
      )}
      {savedFlags && (savedFlags.redFlags.length > 0 || savedFlags.safety) && (
        <div className="mt-3">
          <RedFlagNotice symptoms={savedFlags.redFlags} receipt={savedFlags.safety} contact={contact} />
        </div>
      )}
      {open === 'remove' && (
        <div className="mt-3 border-t border-slate-200 pt-3">
          <RemoveForm entry={entry} onDone={close} onCancel={close} />
        </div>
      )}
      {open === 'correct' && (
        <div className="mt-3 border-t border-slate-200 pt-3">
          <h3 className="mb-3 text-base font-semibold">Correct this entry</h3>
          {entry.kind === 'pain' ? (
            <PortalPainForm
              mode="correct"
              today={today}
              contact={contact}
              correctsId={entry.id}
              initial={{ score: entry.score, locations: entry.locations, timing: entry.timing, symptoms: entry.symptoms, notes: entry.notes, date: entry.date }}
              onSaved={(saved) => {
                setSavedFlags(saved);
                close();
              }}
              onCancel={close}
            />
          ) : entry.rpe === null ? (
            // An imported run is corrected once it has its effort: rating it is the first change.
            <div className="space-y-2">
              <p className="text-sm text-slate-700">Say how hard this imported run was first; after that you can correct it here.</p>
              <RateImportForm sessionId={entry.id} summary={`${ACTIVITY_LABELS[entry.activity] ?? entry.activity}, ${formatDate(entry.date)}`} rating={rating} />
            </div>
          ) : (
            <PortalSessionForm
              mode="correct"
              today={today}
              unit={unit}
              correctsId={entry.id}
              initial={{ activity: entry.activity, date: entry.date, durationMin: entry.durationMin, distance: entry.distance, rpe: entry.rpe, terrain: entry.terrain, painDuring: entry.painDuring, notes: entry.notes }}
              onSaved={close}
              onCancel={close}
            />
          )}
        </div>
      )}
    </li>
  );
}
