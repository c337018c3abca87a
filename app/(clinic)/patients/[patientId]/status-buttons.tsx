'use client';

import { SubmitButton } from '@/app/_components/form';
import { useServerForm } from '@/app/_components/use-server-form';
import { setPatientStatusAction } from '@/lib/actions/patients/set-patient-status';

/** Discharge, archive or restore: nothing is deleted. */
export function PatientStatusButtons({ id, status }: { id: string; status: 'active' | 'discharged' | 'archived' }) {
  const { state, formAction } = useServerForm(setPatientStatusAction);
  const options = status === 'active' ? (['discharged', 'archived'] as const) : (['active'] as const);
  const label = { active: 'Restore', discharged: 'Discharge', archived: 'Archive' };
  return (
    <div className="flex items-center gap-2">
      {options.map((next) => (
        <form key={next} action={formAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="status" value={next} />
          <SubmitButton variant="secondary">{label[next]}</SubmitButton>
        </form>
      ))}
      {state && !state.ok && <span role="alert" className="text-sm text-red-700">{state.message}</span>}
    </div>
  );
}
