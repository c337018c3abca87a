import Link from 'next/link';
import { Badge, Card, formatDosage, humanize, Illustration } from './ui';
import { Markdown } from './markdown';
import type { exercises } from '@/db/schema';

type ExerciseView = Pick<
  typeof exercises.$inferSelect,
  'slug' | 'title' | 'summary' | 'category' | 'bodyRegions' | 'equipment' | 'difficulty' | 'dosage' | 'steps' | 'feel' | 'cautions' | 'body' | 'illustration'
>;
type Neighbour = { id: string; title: string } | null;

/** One exercise as a physio or patient reads it: drawing, dosage, steps, feel, cautions. */
export function ExerciseDetail({ exercise, regression, progression, linkBase }: { exercise: ExerciseView; regression?: Neighbour; progression?: Neighbour; linkBase?: string }) {
  return (
    <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="space-y-4">
        <Illustration slug={exercise.slug} title={exercise.title} kind={exercise.illustration} />
        <p className="text-lg text-slate-700">{exercise.summary}</p>
        <div className="flex flex-wrap gap-1">
          <Badge tone="brand">{humanize(exercise.category)}</Badge>
          <Badge>{humanize(exercise.difficulty)}</Badge>
          {exercise.bodyRegions.map((r) => (
            <Badge key={r}>{humanize(r)}</Badge>
          ))}
        </div>
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <div className="rounded-xl bg-brand-50 p-3">
            <dt className="text-brand-800">Default dose</dt>
            <dd className="font-semibold text-slate-900" data-testid="dosage">{formatDosage(exercise.dosage)}</dd>
          </div>
          <div className="rounded-xl bg-slate-100 p-3">
            <dt className="text-slate-600">Equipment</dt>
            <dd className="font-semibold text-slate-900">{exercise.equipment.map(humanize).join(', ')}</dd>
          </div>
        </dl>
        {(regression || progression) && linkBase && (
          <Card>
            <h2 className="font-semibold">Progression chain</h2>
            <ol className="mt-2 flex flex-wrap items-center gap-2 text-sm" aria-label="Easier to harder">
              {regression && (
                <li>
                  Easier: <Link className="text-brand-700 underline" href={`${linkBase}/${regression.id}`}>{regression.title}</Link> →
                </li>
              )}
              <li className="font-semibold">{exercise.title}</li>
              {progression && (
                <li>
                  → Harder: <Link className="text-brand-700 underline" href={`${linkBase}/${progression.id}`}>{progression.title}</Link>
                </li>
              )}
            </ol>
          </Card>
        )}
      </div>
      <div className="space-y-4">
        <Card>
          <h2 className="text-lg font-semibold">How to do it</h2>
          <ol className="mt-2 list-decimal space-y-2 pl-6 text-base">
            {exercise.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">What you should feel</h2>
          <p className="mt-1">{exercise.feel}</p>
        </Card>
        <section className="rounded-2xl bg-amber-50 p-5 ring-1 ring-amber-200">
          <h2 className="text-lg font-semibold text-amber-900">Stop and check with your physio if</h2>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {exercise.cautions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </section>
        {exercise.body && (
          <Card>
            <h2 className="text-lg font-semibold">Tips</h2>
            <Markdown>{exercise.body}</Markdown>
          </Card>
        )}
      </div>
    </div>
  );
}
