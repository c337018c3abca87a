import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ExerciseDetail } from '@/app/_components/exercise-detail';
import { Badge, ButtonLink, PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getExercise } from '@/lib/data/exercises';
import { isAppError } from '@/lib/errors';
import { RetireExerciseButton } from './retire-button';

export const metadata: Metadata = { title: 'Exercise' };

export default async function ExercisePage({ params }: { params: Promise<{ exerciseId: string }> }) {
  const actor = await requirePageActor('exercise:write');
  const { exerciseId } = await params;
  if (!z.uuid().safeParse(exerciseId).success) notFound();
  const { exercise, regression, progression } = await getExercise(actor, exerciseId).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  const custom = exercise.practiceId !== null;
  return (
    <div>
      <PageHeader title={exercise.title} back={{ href: '/library', label: 'Library' }}>
        {exercise.retiredAt && <Badge tone="amber">Retired: hidden from the picker</Badge>}
        {custom && (
          <>
            <ButtonLink variant="secondary" href={`/library/exercises/${exercise.id}/edit`}>
              Edit
            </ButtonLink>
            <RetireExerciseButton id={exercise.id} retired={Boolean(exercise.retiredAt)} />
          </>
        )}
      </PageHeader>
      <ExerciseDetail exercise={exercise} regression={regression} progression={progression} linkBase="/library/exercises" />
    </div>
  );
}
