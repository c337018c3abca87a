import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/require-actor';
import type { Answers } from '@/lib/analytics/measures';
import { listPatientMeasures } from '@/lib/data/measures';
import { MeasureForm } from '../../_components/measure-form';
import { PortalPageHeader } from '../../_components/portal-page-header';

export const metadata: Metadata = { title: 'Questionnaire' };

/** One questionnaire the patient's physio asked for: the draft if there is one; for a repeat, the activities named before. */
export default async function PortalMeasurePage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requirePageActor('entry:log');
  const { slug } = await params;
  const overview = (await listPatientMeasures(actor, actor.patientId ?? '')).find((m) => m.measure.slug === slug && m.schedule !== null);
  if (!overview) notFound();
  const { measure } = overview;
  // A repeat of a named-activity scale asks about the same activities: their names, not the old ratings.
  const first = overview.responses[0]?.answers;
  const named: Answers = first
    ? Object.fromEntries(Object.entries(first).flatMap(([id, a]) => (a && typeof a === 'object' && a.label ? [[id, { label: a.label }]] : [])))
    : {};
  return (
    <div className="space-y-4">
      <PortalPageHeader back={{ href: '/portal', label: 'Today' }} title={measure.title} titleTestId="measure-title">
        <p className="text-base text-slate-700">{measure.summary}</p>
      </PortalPageHeader>
      <MeasureForm measureSlug={measure.slug} title={measure.shortTitle} recallPeriod={measure.recallPeriod} items={measure.items} initial={overview.draft?.answers ?? named} />
    </div>
  );
}
