import type { Metadata } from 'next';
import { PageHeader } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getPracticeSettings } from '@/lib/data/practice-settings';
import { emergencyNumberForTimeZone } from '@/lib/practice-contact';
import { SettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Practice settings' };

export default async function SettingsPage() {
  const actor = await requirePageActor('settings:manage');
  const settings = await getPracticeSettings(actor);
  const zones = Intl.supportedValuesOf('timeZone');
  if (!zones.includes(settings.timeZone)) zones.unshift(settings.timeZone);
  return (
    <div>
      <PageHeader title="Practice settings" />
      <SettingsForm initial={settings} timeZones={zones} inferredEmergencyNumber={emergencyNumberForTimeZone(settings.timeZone)} />
    </div>
  );
}
