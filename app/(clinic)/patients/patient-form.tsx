'use client';

import { CheckboxGroup, FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from '@/app/_components/form';
import { useServerForm } from '@/app/_components/use-server-form';
import { createPatientFormAction } from '@/lib/actions/patients/create-patient';
import { updatePatientFormAction } from '@/lib/actions/patients/update-patient';
import { SCREENING_FLAGS } from '@/lib/validation/screening';

type Initial = {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  condition: string | null;
  treatingPhysioId: string | null;
  goals: string | null;
  notes: string | null;
};

/** Create or edit a patient; once saved, the action opens the record. */
export function PatientForm({ initial, physios, defaultPhysioId }: { initial?: Initial; physios: { id: string; name: string }[]; defaultPhysioId?: string }) {
  const { state, formAction, errors, keep } = useServerForm(initial ? updatePatientFormAction : createPatientFormAction);
  return (
    <form action={formAction} noValidate className="space-y-4 rounded-2xl bg-white p-5 ring-1 ring-slate-200">
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="First name" name="firstName" defaultValue={keep.text('firstName', initial?.firstName)} errors={errors.firstName} autoComplete="off" />
        <TextField label="Last name" name="lastName" defaultValue={keep.text('lastName', initial?.lastName)} errors={errors.lastName} autoComplete="off" />
        <TextField label="Date of birth" name="dateOfBirth" type="date" defaultValue={keep.text('dateOfBirth', initial?.dateOfBirth)} errors={errors.dateOfBirth} />
        <SelectField label="Treating physio" name="treatingPhysioId" options={physios.map((p) => ({ value: p.id, label: p.name }))} placeholder="Not assigned" defaultValue={keep.text('treatingPhysioId', initial?.treatingPhysioId ?? defaultPhysioId)} errors={errors.treatingPhysioId} />
        <TextField label="Email" name="email" type="email" defaultValue={keep.text('email', initial?.email)} errors={errors.email} autoComplete="off" />
        <TextField label="Phone" name="phone" type="tel" defaultValue={keep.text('phone', initial?.phone)} errors={errors.phone} autoComplete="off" />
      </div>
      <TextField label="Condition / diagnosis" name="condition" defaultValue={keep.text('condition', initial?.condition)} errors={errors.condition} />
      <TextAreaField label="Goals" name="goals" rows={2} defaultValue={keep.text('goals', initial?.goals)} errors={errors.goals} />
      <TextAreaField label="Clinical notes" name="notes" rows={4} defaultValue={keep.text('notes', initial?.notes)} errors={errors.notes} />
      {/* Intake only: afterwards the screening has its own form on the patient page. */}
      {!initial && (
        <CheckboxGroup
          legend="Red-flag history (tick any that apply)"
          name="screeningFlags"
          defaultValues={keep.list('screeningFlags')}
          options={SCREENING_FLAGS.map((f) => ({ value: f.key, label: f.label }))}
          errors={Object.entries(errors).flatMap(([k, v]) => (k === 'screeningFlags' || k.startsWith('screeningFlags.') ? v : []))}
        />
      )}
      <FormMessage state={state} />
      <SubmitButton>{initial ? 'Save patient' : 'Create patient'}</SubmitButton>
    </form>
  );
}
