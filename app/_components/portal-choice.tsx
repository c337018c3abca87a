'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { FieldError } from './form';
import { anchorWord } from './portal-format';

// Thumb-sized choice controls for the portal's forms. Native radios and checkboxes
// (visually hidden, the whole label is the target) so keyboards and screen readers
// work as usual and FormData carries the values.

const tile =
  'relative flex cursor-pointer select-none items-center justify-center rounded-xl bg-white text-slate-900 ring-1 ring-slate-300 transition has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:checked]:ring-brand-700 has-[:focus-visible]:ring-4 has-[:focus-visible]:ring-brand-600/60';

const SCALE = Array.from({ length: 11 }, (_, i) => i);

/**
 * A 0–10 scale as big buttons with word anchors. `optional` adds a "Skip" choice
 * (posted as an empty value) so the answer can be left out.
 */
export function ScaleField({
  name, legend, hint, anchors, defaultValue, errors, optional = false, compact = false, onChange, testId,
}: {
  name: string;
  legend: string;
  hint?: string;
  anchors: Record<number, string>;
  defaultValue?: number | null;
  errors?: string[] | undefined;
  optional?: boolean;
  compact?: boolean;
  onChange?: (value: number | null) => void;
  testId?: string;
}) {
  const id = useId();
  const [value, setValue] = useState<number | null>(defaultValue ?? null);
  const pick = (v: number | null) => {
    setValue(v);
    onChange?.(v);
  };
  const invalid = Boolean(errors?.length);
  return (
    <fieldset aria-describedby={[hint ? `${id}-hint` : '', invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined} data-testid={testId}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      <div className={`mt-2 grid gap-2 ${compact ? 'grid-cols-6' : 'grid-cols-4'}`}>
        {SCALE.map((n) => (
          <label key={n} className={`${invalid ? tile.replace('ring-slate-300', 'ring-red-500') : tile} ${compact ? 'min-h-12' : 'min-h-16 flex-col px-1'}`}>
            <input type="radio" name={name} value={n} defaultChecked={defaultValue === n} onChange={() => pick(n)} className="sr-only" />
            <span className={compact ? 'text-lg font-semibold' : 'text-2xl font-bold leading-none'}>{n}</span>
            {!compact && anchors[n] && <span className="mt-1 text-center text-xs leading-tight">{anchors[n]}</span>}
          </label>
        ))}
        {optional && (
          <label className={`${tile} ${compact ? 'min-h-12' : 'min-h-16'} text-sm font-medium`}>
            <input type="radio" name={name} value="" defaultChecked={defaultValue == null} onChange={() => pick(null)} className="sr-only" />
            Skip
          </label>
        )}
      </div>
      <p className="mt-2 min-h-6 text-base text-slate-800" aria-live="polite" data-testid={testId ? `${testId}-readout` : undefined}>
        {value === null ? (optional ? 'Not recorded' : 'Tap a number') : (
          <>
            <strong className="font-semibold">{value}/10</strong> · {anchorWord(value, anchors)}
          </>
        )}
      </p>
      <FieldError errors={errors} id={`${id}-error`} />
    </fieldset>
  );
}

type Option = { value: string; label: string };

/** A row of chips: one choice (radio) or several (checkbox). */
export function ChipGroup({
  type, name, legend, options, defaultValue, errors, onChange, columns = 2,
}: {
  type: 'radio' | 'checkbox';
  name: string;
  legend: string;
  options: readonly Option[];
  defaultValue?: readonly string[] | string | null;
  errors?: string[] | undefined;
  onChange?: (value: string, checked: boolean) => void;
  columns?: 2 | 3;
}) {
  const id = useId();
  const selected = defaultValue == null ? [] : typeof defaultValue === 'string' ? [defaultValue] : defaultValue;
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      <div className={`mt-2 grid gap-2 ${columns === 3 ? 'grid-cols-3' : 'grid-cols-2'}`}>
        {options.map((o) => (
          <label key={o.value} className={`${tile} min-h-12 px-2 text-center text-base font-medium`}>
            <input type={type} name={name} value={o.value} defaultChecked={selected.includes(o.value)} onChange={(e) => onChange?.(o.value, e.currentTarget.checked)} className="sr-only" />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError errors={errors} id={`${id}-error`} />
    </fieldset>
  );
}

/** A full-width checklist for long labels (symptoms): a visible box, the whole row is the target. */
export function CheckList({
  name, options, defaultValue = [], onChange, tone = 'slate',
}: {
  name: string;
  options: readonly Option[];
  defaultValue?: readonly string[];
  onChange?: (value: string, checked: boolean) => void;
  tone?: 'slate' | 'red';
}) {
  const checked = tone === 'red' ? 'has-[:checked]:bg-red-50 has-[:checked]:ring-red-600' : 'has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600';
  return (
    <ul className="space-y-2">
      {options.map((o) => (
        <li key={o.value}>
          <label className={`flex min-h-12 cursor-pointer items-center gap-3 rounded-xl bg-white px-3 py-2 ring-1 ring-slate-300 has-[:focus-visible]:ring-4 has-[:focus-visible]:ring-brand-600/60 ${checked}`}>
            <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValue.includes(o.value)} onChange={(e) => onChange?.(o.value, e.currentTarget.checked)} className="size-5 shrink-0 accent-brand-700" />
            <span className="text-base leading-snug">{o.label}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/** After a refused submit, bring the first field message into view (long forms, small screens). */
export function useScrollToFirstError(state: { ok: boolean } | null) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state || state.ok) return;
    const first = ref.current?.querySelector('[data-testid="field-error"]');
    first?.closest('fieldset, div')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [state]);
  return ref;
}
