import type { Metadata } from 'next';
import { PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listExercises } from '@/lib/data/exercises';
import { ExerciseForm } from '../../exercise-form';

export const metadata: Metadata = { title: 'New practice exercise' };

export default async function NewExercisePage() {
  const actor = await requirePageActor('exercise:write');
  const options = (await listExercises(actor)).map((e) => ({ slug: e.slug, title: e.title }));
  return (
    <div className="max-w-4xl">
      <PageHeader title="New practice exercise" back={{ href: '/library', label: 'Library' }} />
      <p className="mb-4 text-sm text-slate-600">Visible to your practice only. Patients see it when it is in their program.</p>
      <ExerciseForm exerciseOptions={options} />
    </div>
  );
}
