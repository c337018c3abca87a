import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { Badge, Card, PageHeader } from '@/app/_components/ui';
import { can } from '@/lib/access/policy';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listPatientOptions } from '@/lib/data/patient-options';

export const metadata: Metadata = { title: 'Patient data export' };

const INCLUDED = [
  'The patient record (identity, contact, condition, goals, notes and red-flag history)',
  'Every home-exercise program with each saved version',
  'Exercises ticked off, pain reports and training sessions (voided entries included and marked)',
  'Alerts acknowledged by a physio',
  'The audit trail of who viewed or changed the record, and when',
];

// A practice manager (admin without the physio role) exports the non-clinical part only.
const INCLUDED_CONTACT = [
  'Identity and contact details (name, date of birth, email, phone, treating physio, status)',
  'The portal account (email, status, last sign-in)',
  'The audit trail of who viewed or changed the record, and when (without clinical details)',
];

export default async function ExportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('patient:export');
  const raw = (await searchParams).patient;
  const chosenId = z.uuid().safeParse(Array.isArray(raw) ? raw[0] : raw).data;
  const patients = await listPatientOptions(actor, { includeArchived: true });
  const chosen = patients.find((p) => p.id === chosenId);
  // The clinical record needs a clinical role; a manager's links ask for the contact part.
  const clinical = can(actor, 'patient:exportClinical');
  const path = chosen ? `/api/admin/patients/${chosen.id}/export` : '';
  const base = clinical ? path : `${path}?part=contact`;
  const withFormat = (format: string) => (clinical ? `${path}?format=${format}` : `${path}?part=contact&format=${format}`);
  return (
    <div className="space-y-6">
      <PageHeader title="Patient data export" />
      <p className="-mt-4 max-w-3xl text-sm text-slate-600">
        Hand a patient everything your practice holds on them, or send it to another clinic. Every download is recorded in the audit log.
      </p>
      {!clinical && (
        <p className="-mt-2 max-w-3xl rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="export-contact-only">
          Your role exports identity, contact and account data only. The clinical record (condition, notes, red-flag history, programs, pain reports, training sessions and alerts) is exported by a physio.
        </p>
      )}
      <form method="get" className="flex max-w-3xl flex-wrap items-end gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200">
        <div className="min-w-72 flex-1">
          <label htmlFor="export-patient" className="block text-sm font-medium">Patient</label>
          <select id="export-patient" name="patient" defaultValue={chosen?.id ?? ''} className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-2" required>
            <option value="">Choose a patient…</option>
            {patients.map((p) => (
              <option key={p.id} value={p.id}>
                {p.lastName}, {p.firstName}{p.dateOfBirth ? ` (born ${p.dateOfBirth})` : ''}{p.status !== 'active' ? ` · ${p.status}` : ''}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">Continue</button>
      </form>

      {chosenId && !chosen && <p role="alert" className="text-sm text-red-800">Patient not found.</p>}
      {chosen && (
        <Card className="max-w-3xl space-y-4" >
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold" data-testid="export-patient-name">{chosen.firstName} {chosen.lastName}</h2>
            <Badge tone={chosen.status === 'active' ? 'green' : 'slate'}>{chosen.status}</Badge>
            {chosen.accountStatus && <Badge tone="brand">portal: {chosen.accountStatus}</Badge>}
          </div>
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            <div><dt className="inline text-slate-500">Born: </dt><dd className="inline">{chosen.dateOfBirth ?? '—'}</dd></div>
            <div><dt className="inline text-slate-500">Email: </dt><dd className="inline break-all">{chosen.email ?? '—'}</dd></div>
          </dl>
          <div>
            <h3 className="text-sm font-semibold">What the export contains</h3>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
              {(clinical ? INCLUDED : INCLUDED_CONTACT).map((line) => <li key={line}>{line}</li>)}
            </ul>
          </div>
          <div className="flex flex-wrap gap-2">
            <a href={base} download className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white shadow-sm hover:bg-brand-800" data-testid="export-zip">
              Download ZIP (JSON, CSV and FHIR)
            </a>
            <a href={withFormat('fhir')} download className="inline-flex min-h-11 items-center rounded-lg bg-white px-4 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
              FHIR R4 bundle only
            </a>
          </div>
          <p className="text-xs text-slate-600">
            The ZIP holds a README, one JSON file with everything, a CSV per table for spreadsheets and a FHIR R4 Bundle for clinical systems.{' '}
            <Link href={`/admin/audit?patient=${chosen.id}`} className="text-brand-800 hover:underline">See who accessed this record</Link>.
          </p>
        </Card>
      )}
    </div>
  );
}
