import type { Metadata } from 'next';
import { PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { getMeasure } from '@/lib/content/measures';
import { listExercises } from '@/lib/data/exercises';
import { getPatient } from '@/lib/data/patients';
import { getActiveProgram } from '@/lib/data/programs';
import { localDate } from '@/lib/dates';
import { formatMeasureOccasions } from '@/lib/format';
import { patientOr404 } from '../load';
import { ProgramBuilder, type BuilderTemplate } from './program-builder';

export const metadata: Metadata = { title: 'Program builder' };

export default async function ProgramBuilderPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePageActor('program:write');
  const patient = await patientOr404(actor, (await params).patientId, getPatient);
  const [program, exercises] = await Promise.all([getActiveProgram(actor, patient.id), listExercises(actor)]);
  const { templates, articles } = getLibrary();
  const librarySlugs = new Map(exercises.filter((e) => e.practiceId === null).map((e) => [e.slug, e]));
  const builderTemplates: BuilderTemplate[] = templates.map((t) => ({
    slug: t.slug,
    title: t.title,
    durationWeeks: t.durationWeeks,
    goals: t.goals.join('\n'),
    articles: t.articles,
    measures: t.measures.map((m) => `${getMeasure(m.measure)?.shortTitle ?? m.measure} ${formatMeasureOccasions(m)}`),
    items: t.items.flatMap(({ exercise, ...dosage }) => {
      const e = librarySlugs.get(exercise);
      return e ? [{ exerciseId: e.id, title: e.title, ...dosage }] : [];
    }),
  }));
  return (
    <div>
      <PageHeader title={`${program ? 'Edit program' : 'New program'} for ${patient.firstName} ${patient.lastName}`} back={{ href: `/patients/${patient.id}`, label: 'Back to patient' }} />
      <ProgramBuilder
        patientId={patient.id}
        today={localDate(new Date(), actor.timeZone)}
        program={
          program && {
            id: program.id,
            version: program.version,
            title: program.title,
            startDate: program.startDate,
            endDate: program.endDate,
            goals: program.goals,
            articleSlugs: program.articleSlugs,
            items: program.items.map((i) => ({ id: i.id, exerciseId: i.exerciseId, title: i.exercise.title, sets: i.sets, reps: i.reps, holdSeconds: i.holdSeconds, minutes: i.minutes, sessionsPerWeek: i.sessionsPerWeek, load: i.load, notes: i.notes })),
          }
        }
        exercises={exercises}
        templates={builderTemplates}
        articles={articles.map((a) => ({ slug: a.slug, title: a.title }))}
      />
    </div>
  );
}
