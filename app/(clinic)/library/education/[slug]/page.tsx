import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Markdown } from '@/app/_components/markdown';
import { PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { getGuideSettings } from '@/lib/data/practice-settings';

export const metadata: Metadata = { title: 'Education' };

export default async function ArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requirePageActor('exercise:write');
  const { slug } = await params;
  const article = getLibrary().articles.find((a) => a.slug === slug);
  if (!article) notFound();
  return (
    <article className="max-w-3xl">
      <PageHeader title={article.title} back={{ href: '/library?tab=education', label: 'Education' }} />
      <p className="mb-4 text-lg text-slate-600">{article.summary}</p>
      <Markdown {...await getGuideSettings(actor)}>{article.body}</Markdown>
    </article>
  );
}
