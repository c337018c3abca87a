'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useDeferredValue, useMemo, useState } from 'react';
import { Badge, humanize } from '@/app/_components/ui';
import { searchExercises, type ExerciseFilters } from '@/lib/content/search';
import type { ExerciseListItem } from '@/lib/data/exercises';

type Options = { categories: string[]; regions: string[]; equipment: string[]; difficulties: string[] };
const FILTER_KEYS = ['category', 'region', 'equipment', 'difficulty'] as const;

/** Search as you type plus filters, all in the browser (hundreds of items filter in well under a frame); state mirrors into the URL. */
export function LibraryBrowser({ items, options }: { items: ExerciseListItem[]; options: Options }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState<ExerciseFilters>(() => ({
    q: params.get('q') ?? '',
    ...Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])),
  }));
  const deferred = useDeferredValue(filters);
  const results = useMemo(() => searchExercises(items, deferred), [items, deferred]);

  const update = (key: keyof ExerciseFilters, value: string) => {
    const next = { ...filters, [key]: value };
    setFilters(next);
    const url = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) url.set(k, v);
    router.replace(`${pathname}${url.size ? `?${url}` : ''}`, { scroll: false });
  };

  const selects: { key: (typeof FILTER_KEYS)[number]; label: string; values: string[] }[] = [
    { key: 'category', label: 'Category', values: options.categories },
    { key: 'region', label: 'Body region', values: options.regions },
    { key: 'equipment', label: 'Equipment', values: options.equipment },
    { key: 'difficulty', label: 'Difficulty', values: options.difficulties },
  ];

  return (
    <div>
      <div className="grid gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 md:grid-cols-[2fr_repeat(4,1fr)]">
        <div>
          <label htmlFor="library-search" className="block text-sm font-medium text-slate-800">
            Search
          </label>
          <input
            id="library-search"
            type="search"
            value={filters.q}
            onChange={(e) => update('q', e.target.value)}
            placeholder="e.g. hamstring, core, upper back"
            className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 px-3 text-base"
          />
        </div>
        {selects.map((s) => (
          <div key={s.key}>
            <label htmlFor={`filter-${s.key}`} className="block text-sm font-medium text-slate-800">
              {s.label}
            </label>
            <select
              id={`filter-${s.key}`}
              value={filters[s.key] ?? ''}
              onChange={(e) => update(s.key, e.target.value)}
              className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2 text-base"
            >
              <option value="">All</option>
              {s.values.map((v) => (
                <option key={v} value={v}>
                  {humanize(v)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <p className="my-3 text-sm text-slate-600" aria-live="polite" data-testid="library-count">
        {results.length} {results.length === 1 ? 'exercise' : 'exercises'}
      </p>
      {results.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          Nothing matches. Try fewer words or clear a filter.
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="library-results">
          {results.map((e) => (
            <li key={e.id} className="flex gap-3 rounded-2xl bg-white p-3 ring-1 ring-slate-200">
              {e.illustration === 'figure' ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={`/api/illustrations/${e.slug}`} alt="" width={112} height={56} className="h-14 w-28 shrink-0 rounded-lg bg-slate-50" loading="lazy" />
              ) : (
                <div className="h-14 w-28 shrink-0 rounded-lg bg-slate-100" aria-hidden />
              )}
              <div className="min-w-0">
                <Link href={`/library/exercises/${e.id}`} className="font-semibold text-brand-800 hover:underline">
                  {e.title}
                </Link>
                <p className="line-clamp-2 text-sm text-slate-600">{e.summary}</p>
                <div className="mt-1 flex flex-wrap gap-1">
                  <Badge tone="brand">{humanize(e.category)}</Badge>
                  <Badge>{humanize(e.difficulty)}</Badge>
                  {e.practiceId && <Badge tone="amber">Practice</Badge>}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
