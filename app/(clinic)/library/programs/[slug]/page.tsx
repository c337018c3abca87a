import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Markdown } from '@/app/_components/markdown';
import { Card, formatDosage, PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { listExercises } from '@/lib/data/exercises';

export const metadata: Metadata = { title: 'Program template' };

export default async function TemplatePage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requirePageActor('exercise:write');
  const { slug } = await params;
  const { templates, articles } = getLibrary();
  const template = templates.find((t) => t.slug === slug);
  if (!template) notFound();
  const bySlug = new Map((await listExercises(actor)).filter((e) => e.practiceId === null).map((e) => [e.slug, e]));
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={template.title} back={{ href: '/library?tab=programs', label: 'Program templates' }} />
      <p className="text-lg text-slate-600">{template.summary} ({template.durationWeeks} weeks)</p>
      <Card>
        <h2 className="text-lg font-semibold">Goals</h2>
        <ul className="mt-2 list-disc pl-6">{template.goals.map((g) => <li key={g}>{g}</li>)}</ul>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Exercises</h2>
        <ol className="mt-2 divide-y divide-slate-100">
          {template.items.map((item, i) => {
            const exercise = bySlug.get(item.exercise);
            return (
              <li key={`${item.exercise}-${i}`} className="flex flex-wrap justify-between gap-2 py-2">
                {exercise ? (
                  <Link href={`/library/exercises/${exercise.id}`} className="font-medium text-brand-800 hover:underline">{i + 1}. {exercise.title}</Link>
                ) : (
                  <span>{i + 1}. {item.exercise}</span>
                )}
                <span className="text-sm text-slate-600">{formatDosage(item)}{item.notes ? ` · ${item.notes}` : ''}</span>
              </li>
            );
          })}
        </ol>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Reading</h2>
        <ul className="mt-2 list-disc pl-6">
          {template.articles.map((slug) => {
            const a = articles.find((x) => x.slug === slug);
            return <li key={slug}><Link className="text-brand-700 underline" href={`/library/education/${slug}`}>{a?.title ?? slug}</Link></li>;
          })}
        </ul>
      </Card>
      <Card>
        <Markdown>{template.body}</Markdown>
      </Card>
    </div>
  );
}
