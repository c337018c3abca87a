import { eq } from 'drizzle-orm';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { describe, expect, it } from 'vitest';
import { patients } from '@/db/schema';
import { createPatientAction, createPatientFormAction } from '@/lib/actions/patients/create-patient';
import { updatePatientFormAction } from '@/lib/actions/patients/update-patient';
import { setupTestDb } from '../helpers/db';
import { formData } from '../helpers/form';
import { createPatient, createPractice, createStaff } from '../helpers/factories';
import { signInAs } from '../helpers/session';

const testDb = setupTestDb();

/** Where a form action sent the browser (Next's redirect is thrown, carrying the address). */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  const error = await run.then(() => null, (e: unknown) => e);
  if (!isRedirectError(error)) throw new Error(`expected a redirect, got ${String(error)}`);
  return error.digest.split(';')[2]!;
}

describe('forms posted to server actions (with or without JavaScript)', () => {
  it('a refused form carries back what was typed, never a password', async () => {
    const practice = await createPractice();
    signInAs(await createStaff(practice.id));
    const result = await createPatientAction(null, formData({ firstName: 'Ana', lastName: '', email: 'not-an-email', screeningFlags: ['cancer', 'trauma'], password: 'nope' }));
    expect(result).toMatchObject({ ok: false, code: 'invalid', values: { firstName: 'Ana', lastName: '', email: 'not-an-email', screeningFlags: ['cancer', 'trauma'] } });
    expect(result.values).not.toHaveProperty('password');
    // A record's identifier never comes back in a refusal, even the caller's own choice.
    const physio = await createStaff(practice.id);
    const withPhysio = await createPatientAction(null, formData({ firstName: 'Ana', lastName: '', treatingPhysioId: physio.id }));
    expect(withPhysio).toMatchObject({ ok: false, values: { firstName: 'Ana' } });
    expect(JSON.stringify(withPhysio)).not.toContain(physio.id);
    // A call with a plain object (not a form) has nothing to show again.
    expect(await createPatientAction(null, { firstName: '' } as unknown as FormData)).not.toHaveProperty('values');
  });

  it('the patient form opens the record once saved, and stays on the form when refused', async () => {
    const practice = await createPractice();
    signInAs(await createStaff(practice.id));
    const to = await redirectOf(createPatientFormAction(null, formData({ firstName: 'Noor', lastName: 'Haddad' })));
    const [row] = await testDb.db.select().from(patients).where(eq(patients.lastName, 'Haddad'));
    expect(to).toBe(`/patients/${row!.id}`);
    expect(await createPatientFormAction(null, formData({ firstName: 'Noor', lastName: '' }))).toMatchObject({ ok: false, values: { firstName: 'Noor' } });

    const existing = await createPatient(practice.id, { firstName: 'Old', lastName: 'Name' });
    expect(await redirectOf(updatePatientFormAction(null, formData({ id: existing.id, firstName: 'New', lastName: 'Name' })))).toBe(`/patients/${existing.id}`);
    const [edited] = await testDb.db.select().from(patients).where(eq(patients.id, existing.id));
    expect(edited!.firstName).toBe('New');
  });
});
