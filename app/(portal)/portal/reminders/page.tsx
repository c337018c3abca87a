import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getPatient } from '@/lib/data/patients';
import { getReminderSettings } from '@/lib/data/reminders';
import { RemindersForm } from '../_components/reminders-form';

export const metadata: Metadata = { title: 'Reminders' };

export default async function PortalRemindersPage() {
  const actor = await requirePageActor('entry:log');
  const patientId = actor.patientId ?? '';
  const [me, settings] = await Promise.all([getPatient(actor, patientId), getReminderSettings(actor, patientId)]);
  return (
    <div className="space-y-4">
      <div>
        <Link href="/portal" className="inline-flex min-h-11 items-center font-medium text-brand-800">← Today</Link>
        <h1 className="text-2xl font-semibold">Reminders</h1>
      </div>
      <RemindersForm initial={settings} email={me.email ?? null} />
    </div>
  );
}
