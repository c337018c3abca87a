import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getPatient, listPhysios } from '@/lib/data/patients';
import { PatientForm } from '../../patient-form';
import { patientOr404 } from '../load';

export const metadata: Metadata = { title: 'Edit patient' };

export default async function EditPatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePageActor('patient:write');
  const patient = await patientOr404(actor, (await params).patientId, getPatient);
  if (!patient) notFound();
  const physios = await listPhysios(actor);
  return (
    <div className="max-w-3xl">
      <PageHeader title={`Edit ${patient.firstName} ${patient.lastName}`} back={{ href: `/patients/${patient.id}`, label: 'Back to patient' }} />
      <PatientForm initial={patient} physios={physios} />
    </div>
  );
}
