import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Markdown } from '@/app/_components/markdown';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { getGuideSettings } from '@/lib/data/practice-settings';
import { getActiveProgram } from '@/lib/data/programs';

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
      <div>
        <Link href="/portal/learn" className="inline-flex min-h-11 items-center font-medium text-brand-800">
          ← Learn
        </Link>
        <h1 className="text-2xl font-semibold" data-testid="article-title">
          {article.title}
        </h1>
        <p className="text-sm text-slate-600">{article.readingMinutes} min read</p>
      </div>
      <p className="text-lg text-slate-800">{article.summary}</p>
      <Markdown {...await getGuideSettings(actor)}>{article.body}</Markdown>
    </article>
  );
}
