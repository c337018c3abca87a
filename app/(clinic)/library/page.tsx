import type { Metadata } from 'next';
import Link from 'next/link';
import { ButtonLink, Card, PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { BODY_REGIONS, CATEGORIES, DIFFICULTIES, EQUIPMENT } from '@/lib/content/schema';
import { listExercises } from '@/lib/data/exercises';
import { LibraryBrowser } from './library-browser';

export const metadata: Metadata = { title: 'Library' };

export default async function LibraryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('exercise:write');
  const [items, params] = await Promise.all([listExercises(actor), searchParams]);
  const { articles, templates } = getLibrary();
  const tab = params.tab === 'education' || params.tab === 'programs' ? params.tab : 'exercises';
  const tabs = [
    { key: 'exercises', label: `Exercises (${items.length})` },
    { key: 'education', label: `Education (${articles.length})` },
    { key: 'programs', label: `Program templates (${templates.length})` },
  ];
  return (
    <div>
      <PageHeader title="Library">
        <ButtonLink href="/library/exercises/new">New practice exercise</ButtonLink>
      </PageHeader>
      <nav aria-label="Library sections" className="mb-4 flex gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <Link
            key={t.key}
            href={t.key === 'exercises' ? '/library' : `/library?tab=${t.key}`}
            aria-current={tab === t.key ? 'page' : undefined}
            className={`-mb-px min-h-11 border-b-2 px-3 py-2 text-sm font-medium ${tab === t.key ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === 'exercises' && (
        <LibraryBrowser items={items} options={{ categories: [...CATEGORIES], regions: [...BODY_REGIONS], equipment: [...EQUIPMENT], difficulties: [...DIFFICULTIES] }} />
      )}
      {tab === 'education' && (
        <ul className="grid gap-3 md:grid-cols-2">
          {articles.map((a) => (
            <li key={a.slug}>
              <Card className="h-full">
                <Link href={`/library/education/${a.slug}`} className="text-lg font-semibold text-brand-800 hover:underline">
                  {a.title}
                </Link>
                <p className="mt-1 text-sm text-slate-600">{a.summary}</p>
                <p className="mt-2 text-xs text-slate-500">{a.readingMinutes} min read</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {tab === 'programs' && (
        <ul className="grid gap-3 md:grid-cols-2">
          {templates.map((t) => (
            <li key={t.slug}>
              <Card className="h-full">
                <Link href={`/library/programs/${t.slug}`} className="text-lg font-semibold text-brand-800 hover:underline">
                  {t.title}
                </Link>
                <p className="mt-1 text-sm text-slate-600">{t.summary}</p>
                <p className="mt-2 text-xs text-slate-500">
                  {t.items.length} exercises · {t.durationWeeks} weeks
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
