import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Markdown } from '@/app/_components/markdown';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { getGuideSettings } from '@/lib/data/practice-settings';
import { getActiveProgram } from '@/lib/data/programs';
import { PortalPageHeader } from '../../_components/portal-page-header';

export const metadata: Metadata = { title: 'Learn' };

/** An article, only when it is attached to the patient's active program. */
export default async function PortalArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requirePageActor('program:read');
  const { slug } = await params;
  const program = actor.patientId ? await getActiveProgram(actor, actor.patientId) : null;
  if (!program?.articleSlugs.includes(slug)) notFound();
  const article = getLibrary().articles.find((a) => a.slug === slug);
  if (!article) notFound();
  return (
    <article className="space-y-4">
      <PortalPageHeader back={{ href: '/portal/learn', label: 'Learn' }} title={article.title} titleTestId="article-title">
        <p className="text-sm text-slate-600">{article.readingMinutes} min read</p>
      </PortalPageHeader>
      <p className="text-lg text-slate-800">{article.summary}</p>
      <Markdown {...await getGuideSettings(actor)}>{article.body}</Markdown>
    </article>
  );
}
