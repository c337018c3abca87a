import type { Metadata } from 'next';
import { ButtonLink, PageHeader } from '@/app/_components/ui';
import { can } from '@/lib/access/policy';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listPatients, listPhysios } from '@/lib/data/patients';
import { localDate } from '@/lib/dates';
import { clinicalListParams, patientListParams } from '@/lib/validation/patient-list';
import { firstValues } from '@/lib/validation/search-params';
import { PatientsTable } from './patients-table';

export const metadata: Metadata = { title: 'Patients' };

export default async function PatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('patient:list');
  // Without a clinical role the alerts filter and the clinical sorts are dropped (listPatients ignores them too).
  const params = clinicalListParams(patientListParams.parse(firstValues(await searchParams)), actor);
  const [result, physios] = await Promise.all([
    listPatients(actor, {
      search: params.q,
      status: params.status,
      physioId: params.physio,
      withAlerts: params.alerts === '1',
      sort: params.sort,
      dir: params.dir,
      page: params.page,
      pageSize: 25,
    }),
    listPhysios(actor),
  ]);
  return (
    <div>
      <PageHeader title="Patients">{can(actor, 'patient:write') && <ButtonLink href="/patients/new">New patient</ButtonLink>}</PageHeader>
      <PatientsTable result={result} params={params} physios={physios} clinical={can(actor, 'patient:readClinical')} today={localDate(new Date(), actor.timeZone)} />
    </div>
  );
}
