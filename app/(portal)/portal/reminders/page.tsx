import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getPatient } from '@/lib/data/patients';
import { getReminderSettings } from '@/lib/data/reminders';
import { PortalPageHeader } from '../_components/portal-page-header';
import { RemindersForm } from '../_components/reminders-form';

export const metadata: Metadata = { title: 'Reminders' };

export default async function PortalRemindersPage() {
  const actor = await requirePageActor('entry:log');
  const patientId = actor.patientId ?? '';
  const [me, settings] = await Promise.all([getPatient(actor, patientId), getReminderSettings(actor, patientId)]);
  return (
    <div className="space-y-4">
      <PortalPageHeader back={{ href: '/portal', label: 'Today' }} title="Reminders" />
      <RemindersForm initial={settings} email={me.email ?? null} />
    </div>
  );
}
