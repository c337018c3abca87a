import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getExercise, listExercises } from '@/lib/data/exercises';
import { ExerciseForm } from '../../../exercise-form';

export const metadata: Metadata = { title: 'Edit exercise' };

export default async function EditExercisePage({ params }: { params: Promise<{ exerciseId: string }> }) {
  const actor = await requirePageActor('exercise:write');
  const { exerciseId } = await params;
  if (!z.uuid().safeParse(exerciseId).success) notFound();
  const found = await getExercise(actor, exerciseId).catch(() => null);
  // Library exercises are edited in content/, not here.
  if (!found || found.exercise.practiceId !== actor.practiceId) notFound();
  const options = (await listExercises(actor)).filter((e) => e.id !== exerciseId).map((e) => ({ slug: e.slug, title: e.title }));
  return (
    <div className="max-w-4xl">
      <PageHeader title={`Edit: ${found.exercise.title}`} back={{ href: `/library/exercises/${exerciseId}`, label: 'Back to exercise' }} />
      <ExerciseForm initial={found.exercise} exerciseOptions={options} />
    </div>
  );
}
