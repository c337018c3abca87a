import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Markdown } from '@/app/_components/markdown';
import { PortalDoneToggle } from '../../_components/portal-done-toggle';
import { PortalPageHeader } from '../../_components/portal-page-header';
import { formatDosage, Illustration } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listCompletions } from '@/lib/data/completions';
import { getExercise } from '@/lib/data/exercises';
import { getActiveProgram } from '@/lib/data/programs';
import { localDate } from '@/lib/dates';
import { isAppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Exercise' };

/** One exercise of the patient's active program, with the dose their physio set. */
export default async function PortalExercisePage({ params }: { params: Promise<{ itemId: string }> }) {
  const actor = await requirePageActor('program:read');
  const { itemId } = await params;
  if (!z.uuid().safeParse(itemId).success || !actor.patientId) notFound();
  const program = await getActiveProgram(actor, actor.patientId);
  const item = program?.items.find((i) => i.id === itemId);
  if (!item) notFound();
  // getExercise refuses exercises outside the patient's programs: not_found becomes a 404.
  const { exercise } = await getExercise(actor, item.exerciseId).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  const today = localDate(new Date(), actor.timeZone);
  const done = (await listCompletions(actor, actor.patientId, today, today)).some((c) => c.programItemId === item.id);

  return (
    <article className="space-y-5">
      <PortalPageHeader back={{ href: '/portal', label: 'Today' }} title={exercise.title} titleTestId="exercise-title">
        <p className="text-base text-slate-700">{exercise.summary}</p>
      </PortalPageHeader>
      <Illustration slug={exercise.slug} title={exercise.title} kind={exercise.illustration} />
      <div className="rounded-2xl bg-brand-50 p-4">
        <h2 className="text-sm font-medium text-brand-800">Your dose</h2>
        <p className="text-lg font-semibold text-slate-900" data-testid="dosage">
          {formatDosage(item)}
        </p>
        {item.load && <p className="text-base text-slate-800">Load: {item.load}</p>}
        {item.notes && <p className="mt-1 text-base text-slate-800">{item.notes}</p>}
      </div>
      <PortalDoneToggle programItemId={item.id} title={exercise.title} done={done} submitKey={randomUUID()} />
      <section>
        <h2 className="text-lg font-semibold">How to do it</h2>
        <ol className="mt-2 list-decimal space-y-2 pl-6 text-base">
          {exercise.steps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
      </section>
      <section>
        <h2 className="text-lg font-semibold">What you should feel</h2>
        <p className="mt-1 text-base">{exercise.feel}</p>
      </section>
      {exercise.cautions.length > 0 && (
        <section className="rounded-2xl bg-amber-50 p-4 ring-1 ring-amber-300">
          <h2 className="text-lg font-semibold text-amber-950">Stop and check with your physio if</h2>
          <ul className="mt-2 list-disc space-y-1 pl-6 text-base">
            {exercise.cautions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </section>
      )}
      {exercise.body && (
        <section>
          <h2 className="text-lg font-semibold">Tips</h2>
          <Markdown>{exercise.body}</Markdown>
        </section>
      )}
    </article>
  );
}
