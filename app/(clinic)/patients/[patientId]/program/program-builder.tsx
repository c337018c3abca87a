'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { FieldError } from '@/app/_components/form';
import { Badge, humanize } from '@/app/_components/ui';
import { createProgramAction } from '@/lib/actions/programs/create-program';
import { endProgramAction } from '@/lib/actions/programs/end-program';
import { updateProgramAction } from '@/lib/actions/programs/update-program';
import type { ActionResult } from '@/lib/actions/result';
import { searchExercises } from '@/lib/content/search';
import type { ExerciseListItem } from '@/lib/data/exercises';

type Dose = { sets?: number | null; reps?: number | null; holdSeconds?: number | null; minutes?: number | null; sessionsPerWeek: number };
type Item = Dose & { key: string; id?: string; exerciseId: string; title: string; load?: string | null; notes?: string | null };
export type BuilderTemplate = { slug: string; title: string; durationWeeks: number; goals: string; articles: string[]; measures: string[]; items: (Dose & { exerciseId: string; title: string; notes?: string })[] };
type ExistingProgram = { id: string; version: number; title: string; startDate: string; endDate: string | null; goals: string | null; articleSlugs: string[]; items: (Dose & { id: string; exerciseId: string; title: string; load: string | null; notes: string | null })[] };

const DOSE_FIELDS = ['sets', 'reps', 'holdSeconds', 'minutes', 'sessionsPerWeek'] as const;
/** What each dose box shows, and what a screen reader hears after the exercise's name ("Cat-cow: hold (seconds)"). */
const DOSE_LABELS: Record<(typeof DOSE_FIELDS)[number], { visible: string; spoken: string }> = {
  sets: { visible: 'Sets', spoken: 'sets' },
  reps: { visible: 'Reps', spoken: 'reps' },
  holdSeconds: { visible: 'Hold (s)', spoken: 'hold (seconds)' },
  minutes: { visible: 'Minutes', spoken: 'minutes' },
  sessionsPerWeek: { visible: 'Per week', spoken: 'per week' },
};

const inputClass = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2 font-normal';
let counter = 0;
const newKey = () => `item-${++counter}`;
const num = (v: string) => (v.trim() === '' ? null : Number(v));

/**
 * Build or edit a program: pick from the library (search + filters), reorder, set the
 * dose per item. Saving sends the whole program and the version it was loaded at;
 * if it was saved in between (by someone else, or by this user in another tab), the server
 * refuses, saying who and when; the edits stay here, to save over that version or discard.
 */
export function ProgramBuilder({ patientId, today, program, exercises, templates, articles }: { patientId: string; today: string; program: ExistingProgram | null; exercises: ExerciseListItem[]; templates: BuilderTemplate[]; articles: { slug: string; title: string }[] }) {
  const router = useRouter();
  const [title, setTitle] = useState(program?.title ?? '');
  const [startDate, setStartDate] = useState(program?.startDate ?? today);
  const [endDate, setEndDate] = useState(program?.endDate ?? '');
  const [goals, setGoals] = useState(program?.goals ?? '');
  const [articleSlugs, setArticleSlugs] = useState<string[]>(program?.articleSlugs ?? []);
  const [templateSlug, setTemplateSlug] = useState<string | undefined>();
  const chosenTemplate = templates.find((t) => t.slug === templateSlug);
  const [items, setItems] = useState<Item[]>(() => (program?.items ?? []).map((i) => ({ ...i, key: newKey() })));
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [result, setResult] = useState<ActionResult<{ id: string; version: number }> | null>(null);
  const [pending, startTransition] = useTransition();
  /** A save was refused because the program changed meanwhile: the next save replaces that version. */
  const [conflict, setConflict] = useState(false);
  const results = useMemo(() => searchExercises(exercises, { q: query, category }).slice(0, 40), [exercises, query, category]);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const err = (path: string) => errors[`program.${path}`];

  const applyTemplate = (slug: string) => {
    const t = templates.find((x) => x.slug === slug);
    if (!t) return;
    if (items.length > 0 && !window.confirm('Replace the current exercises with this template?')) return;
    setTemplateSlug(t.slug);
    setTitle(t.title);
    setGoals(t.goals);
    setArticleSlugs(t.articles);
    setEndDate(addWeeks(startDate, t.durationWeeks));
    setItems(t.items.map((i) => ({ ...i, key: newKey() })));
  };
  const add = (e: ExerciseListItem) => setItems((prev) => [...prev, { key: newKey(), exerciseId: e.id, title: e.title, ...e.dosage }]);
  const update = (key: string, patch: Partial<Item>) => setItems((prev) => prev.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const move = (index: number, by: number) =>
    setItems((prev) => {
      const next = [...prev];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  const save = () => {
    const payload = {
      title, startDate, endDate: endDate || undefined, goals: goals || undefined, articleSlugs, templateSlug,
      items: items.map(({ key: _key, title: _title, ...i }) => ({ ...i, sets: i.sets ?? undefined, reps: i.reps ?? undefined, holdSeconds: i.holdSeconds ?? undefined, minutes: i.minutes ?? undefined, load: i.load ?? undefined, notes: i.notes ?? undefined })),
    };
    startTransition(async () => {
      const res = program ? await updateProgramAction({ programId: program.id, version: program.version, program: payload }) : await createProgramAction({ patientId, program: payload });
      setResult(res);
      if (res.ok) router.push(`/patients/${patientId}`);
      // Refused as stale: fetch the latest version number (the edits here stay in this
      // component's state), so saving again knowingly replaces the other save.
      else if (res.code === 'conflict') {
        setConflict(true);
        router.refresh();
      }
    });
  };
  const reloadLatest = () => {
    if (!window.confirm('Discard your edits on this page and load the latest saved version?')) return;
    window.location.reload();
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      {/* On wide screens the library stays in view beside a long program, its list as tall as the window allows. */}
      <section aria-label="Exercise library" className="min-w-0 space-y-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 lg:sticky lg:top-4 lg:self-start">
        <div>
          <label htmlFor="template" className="block text-sm font-medium">Start from a template</label>
          <select id="template" className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2" value="" onChange={(e) => applyTemplate(e.target.value)}>
            <option value="">Choose a template…</option>
            {templates.map((t) => <option key={t.slug} value={t.slug}>{t.title} ({t.durationWeeks} wk)</option>)}
          </select>
          {!program && chosenTemplate && chosenTemplate.measures.length > 0 && (
            <p className="mt-2 text-sm text-slate-700" data-testid="template-measures">
              Saving also asks for {chosenTemplate.measures.join('; ')} (a questionnaire already scheduled for this patient keeps its schedule).
            </p>
          )}
        </div>
        <div className="grid grid-cols-[2fr_1fr] gap-2">
          <div>
            <label htmlFor="picker-search" className="block text-sm font-medium">Find an exercise</label>
            <input id="picker-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. bridge, hamstring" className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 px-3" />
          </div>
          <div>
            <label htmlFor="picker-category" className="block text-sm font-medium">Category</label>
            <select id="picker-category" value={category} onChange={(e) => setCategory(e.target.value)} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2">
              <option value="">All</option>
              {['mobility', 'stretch', 'strength', 'core', 'balance', 'cardio'].map((c) => <option key={c} value={c}>{humanize(c)}</option>)}
            </select>
          </div>
        </div>
        <ul className="-mx-1 max-h-[28rem] divide-y divide-slate-100 overflow-y-auto px-1 lg:max-h-[calc(100dvh-17rem)]" data-testid="picker-results">
          {results.map((e) => (
            <li key={e.id} className="flex items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="truncate font-medium">{e.title} {e.practiceId && <Badge tone="amber">Practice</Badge>}</p>
                <p className="truncate text-xs text-slate-500">{humanize(e.category)} · {e.bodyRegions.map(humanize).join(', ')}</p>
              </div>
              <button type="button" onClick={() => add(e)} className="min-h-11 shrink-0 rounded-lg px-3 text-sm font-semibold text-brand-800 ring-1 ring-brand-600 hover:bg-brand-50" aria-label={`Add ${e.title}`}>
                Add
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Program" className="min-w-0 space-y-4 rounded-2xl bg-white p-4 ring-1 ring-slate-200">
        <div className="grid gap-3 md:grid-cols-3">
          <Field label="Title" error={err('title')} className="md:col-span-3"><input value={title} onChange={(e) => setTitle(e.target.value)} className={inputClass} /></Field>
          <Field label="Start date" error={err('startDate')}><input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} className={inputClass} /></Field>
          <Field label="End date (optional)" error={err('endDate')}><input type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} className={inputClass} /></Field>
          <Field label="Goals" error={err('goals')} className="md:col-span-3"><textarea value={goals} onChange={(e) => setGoals(e.target.value)} rows={2} className={inputClass} /></Field>
        </div>
        <div>
          <h2 className="text-lg font-semibold">Exercises ({items.length})</h2>
          <FieldError errors={err('items')} />
          {items.length === 0 && <p className="mt-2 rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600">Add exercises from the library or start from a template.</p>}
          <ol className="mt-2 space-y-2" data-testid="program-items">
            {items.map((item, index) => (
              <li key={item.key} className="rounded-xl p-3 ring-1 ring-slate-200" data-testid="program-item">
                <div className="flex items-center justify-between gap-2">
                  <p className="font-medium">{index + 1}. {item.title}</p>
                  <div className="flex gap-1">
                    <button type="button" onClick={() => move(index, -1)} disabled={index === 0} className="min-h-11 min-w-11 rounded-lg ring-1 ring-slate-300 disabled:opacity-30" aria-label={`Move ${item.title} up`}>↑</button>
                    <button type="button" onClick={() => move(index, 1)} disabled={index === items.length - 1} className="min-h-11 min-w-11 rounded-lg ring-1 ring-slate-300 disabled:opacity-30" aria-label={`Move ${item.title} down`}>↓</button>
                    <button type="button" onClick={() => setItems((prev) => prev.filter((i) => i.key !== item.key))} className="min-h-11 rounded-lg px-3 text-sm text-red-700 ring-1 ring-red-200" aria-label={`Remove ${item.title}`}>Remove</button>
                  </div>
                </div>
                <div className="mt-2 grid grid-cols-3 gap-2 md:grid-cols-6">
                  {DOSE_FIELDS.map((field) => (
                    <Field key={field} label={DOSE_LABELS[field].visible} error={err(`items.${index}.${field}`)}>
                      <input inputMode="numeric" value={item[field] ?? ''} onChange={(e) => update(item.key, { [field]: field === 'sessionsPerWeek' ? Number(e.target.value) : num(e.target.value) })} className={inputClass} aria-label={`${item.title}: ${DOSE_LABELS[field].spoken}`} />
                    </Field>
                  ))}
                  <Field label="Load" error={err(`items.${index}.load`)}><input value={item.load ?? ''} onChange={(e) => update(item.key, { load: e.target.value })} className={inputClass} placeholder="e.g. 5 kg" aria-label={`${item.title}: load`} /></Field>
                  <Field label="Notes for the patient" error={err(`items.${index}.notes`)} className="col-span-3 md:col-span-6"><input value={item.notes ?? ''} onChange={(e) => update(item.key, { notes: e.target.value })} className={inputClass} aria-label={`${item.title}: notes for the patient`} /></Field>
                </div>
                <FieldError errors={err(`items.${index}.exerciseId`)} />
              </li>
            ))}
          </ol>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Reading for the patient</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {articles.map((a) => (
              <label key={a.slug} className="inline-flex min-h-11 items-center gap-2 rounded-lg px-3 text-sm ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600">
                <input type="checkbox" checked={articleSlugs.includes(a.slug)} onChange={(e) => setArticleSlugs((prev) => (e.target.checked ? [...prev, a.slug] : prev.filter((s) => s !== a.slug)))} />
                {a.title}
              </label>
            ))}
          </div>
        </fieldset>
        {result && !result.ok && (
          <div role="alert" data-testid="program-error" className={`rounded-xl p-3 text-sm ${result.code === 'conflict' ? 'bg-amber-50 text-amber-900 ring-1 ring-amber-300' : 'bg-red-50 text-red-800'}`}>
            <p>{result.message}</p>
            {result.code === 'conflict' && (
              <>
                <p className="mt-1">Save again to replace that version with yours, or load the latest version instead (your edits here are then discarded).</p>
                <button type="button" className="mt-2 inline-flex min-h-11 items-center rounded-lg bg-white px-3 font-semibold text-amber-950 ring-1 ring-amber-400 hover:bg-amber-100" onClick={reloadLatest}>
                  Load the latest version
                </button>
              </>
            )}
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" onClick={save} disabled={pending} aria-busy={pending || undefined} className="min-h-11 rounded-lg bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
            {pending ? 'Saving…' : program ? `${conflict ? 'Save my edits' : 'Save'} as version ${program.version + 1}` : 'Create program'}
          </button>
          <Link href={`/patients/${patientId}`} className="text-sm text-slate-600 underline">Cancel</Link>
          {program && <EndProgram programId={program.id} version={program.version} patientId={patientId} />}
        </div>
      </section>
    </div>
  );
}

function Field({ label, error, className = '', children }: { label: string; error?: string[]; className?: string; children: React.ReactNode }) {
  return (
    <label className={`block text-sm font-medium text-slate-800 ${className}`}>
      {label}
      {children}
      <FieldError errors={error} />
    </label>
  );
}

function EndProgram({ programId, version, patientId }: { programId: string; version: number; patientId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const end = () => {
    if (!window.confirm('End this program? It stays in the history.')) return;
    const data = new FormData();
    data.set('programId', programId);
    data.set('version', String(version));
    data.set('patientId', patientId);
    startTransition(async () => {
      const res = await endProgramAction(null, data);
      if (res.ok) router.push(`/patients/${patientId}`);
      else setMessage(res.message);
    });
  };
  return (
    <>
      <button type="button" onClick={end} disabled={pending} className="ml-auto min-h-11 rounded-lg px-3 text-sm text-red-700 ring-1 ring-red-200">End program</button>
      {message && <span role="alert" className="text-sm text-red-700">{message}</span>}
    </>
  );
}

function addWeeks(date: string, weeks: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + weeks * 7 - 1);
  return d.toISOString().slice(0, 10);
}
