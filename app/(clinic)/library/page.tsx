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
        <ContentCards cards={articles.map((a) => ({ slug: a.slug, href: `/library/education/${a.slug}`, title: a.title, summary: a.summary, about: `${a.readingMinutes} min read` }))} />
      )}
      {tab === 'programs' && (
        <ContentCards cards={templates.map((t) => ({ slug: t.slug, href: `/library/programs/${t.slug}`, title: t.title, summary: t.summary, about: `${t.items.length} exercises · ${t.durationWeeks} weeks` }))} />
      )}
    </div>
  );
}

/** Articles or program templates as a grid of cards: the title links to the piece, its summary and a line about it below. */
function ContentCards({ cards }: { cards: { slug: string; href: string; title: string; summary: string; about: string }[] }) {
  return (
    <ul className="grid gap-3 md:grid-cols-2">
      {cards.map((c) => (
        <li key={c.slug}>
          <Card className="h-full">
            <Link href={c.href} className="text-lg font-semibold text-brand-800 hover:underline">
              {c.title}
            </Link>
            <p className="mt-1 text-sm text-slate-600">{c.summary}</p>
            <p className="mt-2 text-xs text-slate-500">{c.about}</p>
          </Card>
        </li>
      ))}
    </ul>
  );
}
