'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/form';
import { retireExerciseAction } from '@/lib/actions/exercises/retire-exercise';

export function RetireExerciseButton({ id, retired }: { id: string; retired: boolean }) {
  const [state, action] = useActionState(retireExerciseAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="retired" value={retired ? 'false' : 'true'} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        {retired ? 'Bring back' : 'Retire'}
      </SubmitButton>
      {state && !state.ok && <p role="alert" className="text-sm text-red-700">{state.message}</p>}
    </form>
  );
}
