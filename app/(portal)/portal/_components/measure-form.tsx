'use client';

import { useActionState } from 'react';
import Link from 'next/link';
import { saveMeasureResponseAction } from '@/lib/actions/measures/save-measure-response';
import type { Answers } from '@/lib/analytics/measures';
import type { MeasureItem } from '@/lib/content/measures';

type Props = {
  measureSlug: string;
  title: string;
  recallPeriod: string;
  items: MeasureItem[];
  /** The draft's answers, or for a repeat PSFS the activities named the first time. */
  initial: Answers;
};

const tile = 'flex cursor-pointer items-center justify-center rounded-lg bg-white ring-1 ring-slate-300 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:checked]:ring-brand-700 has-[:focus-visible]:ring-4 has-[:focus-visible]:ring-brand-600/60';

type FormState = { result: Awaited<ReturnType<typeof saveMeasureResponseAction>> | null; typed: Answers | null };

/** The a./l./t. fields as answers (as lib/validation/measures.ts reads them on the server). */
function typedAnswers(form: FormData): Answers {
  const out: Record<string, { value?: number; label?: string; text?: string }> = {};
  for (const [key, raw] of form.entries()) {
    const m = /^([alt])\.(.+)$/.exec(key);
    if (!m || typeof raw !== 'string' || raw.trim() === '') continue;
    const answer = (out[m[2]!] ??= {});
    if (m[1] === 'a') answer.value = Number(raw);
    else if (m[1] === 'l') answer.label = raw;
    else answer.text = raw;
  }
  return out;
}

const valueOf = (a: Answers[string]) => (typeof a === 'number' ? a : a && typeof a === 'object' ? (a.value ?? null) : null);
const labelOf = (a: Answers[string]) => (a && typeof a === 'object' ? (a.label ?? a.text ?? '') : '');

/**
 * One questionnaire, every question on one page: numbers as big tiles, choices as a list,
 * activities named in the patient's own words. "Save and finish later" keeps a draft;
 * "Send" scores it and locks it. A plain form: it posts before the page has hydrated.
 */
export function MeasureForm({ measureSlug, title, recallPeriod, items, initial }: Props) {
  // React resets a form after its action: what was typed comes back as the fields' defaults,
  // so a refused "Send" or a "Save" keeps every answer on screen.
  const [{ result: state, typed }, formAction, pending] = useActionState<FormState, FormData>(
    async (prev, form) => ({ result: await saveMeasureResponseAction(prev.result, form), typed: typedAnswers(form) }),
    { result: null, typed: null },
  );
  const shown = typed ?? initial;
  if (state?.ok && state.data.submitted) {
    return (
      <div className="space-y-4" data-testid="measure-submitted">
        <div className="rounded-2xl bg-green-50 p-4 ring-1 ring-green-600">
          <h2 className="text-xl font-bold text-green-900">✓ {title} sent</h2>
          <p className="mt-1 text-base text-green-950">Your physio can see your answers. Thank you: they help you both see how things change.</p>
        </div>
        <Link href="/portal" className="flex min-h-12 items-center justify-center rounded-lg bg-brand-700 px-4 font-semibold text-white">
          Back to Today
        </Link>
        <Link href="/portal/measures" className="flex min-h-11 items-center justify-center font-medium text-brand-800 underline">
          See your scores
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-6" data-testid="measure-form">
      <input type="hidden" name="measureSlug" value={measureSlug} />
      <p className="text-base text-slate-700">Think about {recallPeriod}.</p>
      {items.map((item, index) => {
        const a = item.answer;
        const given = shown[item.id];
        return (
          <fieldset key={item.id} className="space-y-2" data-testid="measure-item">
            <legend className="text-base font-semibold">
              {index + 1}. {item.text}
            </legend>
            {a.type === 'activity-scale' && (
              <label className="block">
                <span className="text-sm text-slate-700">{a.activityPrompt}</span>
                <input name={`l.${item.id}`} defaultValue={labelOf(given)} maxLength={200} className="mt-1 min-h-12 w-full rounded-lg border border-slate-300 px-3 text-base" />
              </label>
            )}
            {(a.type === 'scale' || a.type === 'activity-scale') && (
              <div>
                <div className="grid grid-cols-6 gap-1.5 sm:grid-cols-11">
                  {Array.from({ length: Math.floor((a.max - a.min) / a.step) + 1 }, (_, i) => a.min + i * a.step).map((n) => (
                    <label key={n} className={`${tile} min-h-12 text-lg font-semibold`}>
                      <input type="radio" name={`a.${item.id}`} value={n} defaultChecked={valueOf(given) === n} className="sr-only" />
                      {n}
                    </label>
                  ))}
                </div>
                <p className="mt-1 flex justify-between gap-2 text-sm text-slate-700">
                  {a.anchors.filter((x) => x.value === a.min || x.value === a.max).map((x) => (
                    <span key={x.value}>
                      {x.value}: {x.label}
                    </span>
                  ))}
                </p>
              </div>
            )}
            {a.type === 'choice' && (
              <div className="space-y-1.5">
                {a.options.map((o) => (
                  <label key={o.value} className={`${tile} min-h-12 justify-start px-3 text-left text-base`}>
                    <input type="radio" name={`a.${item.id}`} value={o.value} defaultChecked={valueOf(given) === o.value} className="sr-only" />
                    {o.label}
                  </label>
                ))}
              </div>
            )}
            {a.type === 'text' && <textarea name={`t.${item.id}`} defaultValue={labelOf(given)} maxLength={a.maxLength} rows={3} className="w-full rounded-lg border border-slate-300 p-3 text-base" />}
          </fieldset>
        );
      })}
      {state && !state.ok && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-base text-red-800 ring-1 ring-red-300" data-testid="measure-error">
          {state.message}
        </p>
      )}
      {state?.ok && !state.data.submitted && (
        <p role="status" className="rounded-lg bg-slate-50 p-3 text-base text-slate-800 ring-1 ring-slate-200" data-testid="measure-saved">
          Saved. You can come back and finish it later.
        </p>
      )}
      <div className="grid grid-cols-2 gap-2">
        <button type="submit" name="intent" value="save" disabled={pending} className="min-h-12 rounded-lg bg-white px-3 font-semibold text-slate-800 ring-1 ring-slate-300 disabled:opacity-60">
          Save and finish later
        </button>
        <button type="submit" name="intent" value="submit" disabled={pending} className="min-h-12 rounded-lg bg-brand-700 px-3 font-semibold text-white disabled:opacity-60">
          {pending ? 'Sending…' : 'Send to my physio'}
        </button>
      </div>
    </form>
  );
}
