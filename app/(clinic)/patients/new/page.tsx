import type { Metadata } from 'next';
import { PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listPhysios } from '@/lib/data/patients';
import { PatientForm } from '../patient-form';

export const metadata: Metadata = { title: 'New patient' };

export default async function NewPatientPage() {
  const actor = await requirePageActor('patient:write');
  const physios = await listPhysios(actor);
  return (
    <div className="max-w-3xl">
      <PageHeader title="New patient" back={{ href: '/patients', label: 'Patients' }} />
      <PatientForm physios={physios} defaultPhysioId={physios.some((p) => p.id === actor.userId) ? actor.userId : undefined} />
    </div>
  );
}
