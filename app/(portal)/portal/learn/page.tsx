import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/app/_components/app-shell';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { getActiveProgram } from '@/lib/data/programs';

export const metadata: Metadata = { title: 'Learn' };

/** The education articles the physio attached to the patient's active program, in that order. */
export default async function PortalLearnPage() {
  const actor = await requirePageActor('program:read');
  const program = actor.patientId ? await getActiveProgram(actor, actor.patientId) : null;
  const library = getLibrary().articles;
  const articles = (program?.articleSlugs ?? []).map((slug) => library.find((a) => a.slug === slug)).filter((a) => a !== undefined);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Learn</h1>
      {articles.length === 0 ? (
        <EmptyState title="Nothing to read yet">When your physio adds reading to your program, it will show up here.</EmptyState>
      ) : (
        <>
          <p className="text-base text-slate-700">Short reads your physio picked for you.</p>
          <ul className="space-y-3">
            {articles.map((a) => (
              <li key={a.slug}>
                <Link href={`/portal/learn/${a.slug}`} className="block rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="article-link">
                  <span className="block text-lg font-semibold text-brand-800">{a.title}</span>
                  <span className="mt-1 block text-base text-slate-700">{a.summary}</span>
                  <span className="mt-1 block text-sm text-slate-600">{a.readingMinutes} min read</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
