import type { Metadata } from 'next';
import { ButtonLink, Card } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listAuditEvents } from '@/lib/data/audit-log';
import { getPracticeSettings } from '@/lib/data/practice-settings';
import { accountSummary } from '@/lib/data/users';
import { auditActionLabel } from '@/lib/audit/actions';
import { formatDateTime } from './_components/format';

export const metadata: Metadata = { title: 'Practice admin' };

export default async function AdminHomePage() {
  const actor = await requirePageActor('user:manage');
  const [accounts, settings, recent] = await Promise.all([accountSummary(actor), getPracticeSettings(actor), listAuditEvents(actor, { pageSize: 6 })]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Practice admin</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Accounts</h2>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div><dt className="text-slate-500">Active staff</dt><dd className="text-2xl font-semibold">{accounts.activeStaff}</dd></div>
            <div><dt className="text-slate-500">Invitations pending</dt><dd className="text-2xl font-semibold">{accounts.invited}</dd></div>
            <div><dt className="text-slate-500">Patients with portal</dt><dd className="text-2xl font-semibold">{accounts.activePatients}</dd></div>
            <div><dt className="text-slate-500">Deactivated</dt><dd className="text-2xl font-semibold">{accounts.deactivated}</dd></div>
          </dl>
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/admin/users">Manage accounts</ButtonLink>
            <ButtonLink href="/admin/users/invite" variant="secondary">Invite someone</ButtonLink>
          </div>
        </Card>
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Practice settings</h2>
          <dl className="space-y-1 text-sm">
            <div><dt className="inline text-slate-500">Name: </dt><dd className="inline font-medium">{settings.name}</dd></div>
            <div><dt className="inline text-slate-500">Time zone: </dt><dd className="inline font-medium">{settings.timeZone.replace(/_/g, ' ')}</dd></div>
            <div><dt className="inline text-slate-500">Distances in: </dt><dd className="inline font-medium">{settings.distanceUnit === 'km' ? 'kilometres' : 'miles'}</dd></div>
            <div><dt className="inline text-slate-500">Alerts: </dt><dd className="inline font-medium">pain +{settings.painWorseMinPoints} points, ACWR &gt; {settings.acwrSpike}, weekly distance +{settings.weeklyDistanceRedPct}%, adherence &lt; {settings.adherenceLowPct}%, no logs for {settings.inactivityDays} days</dd></div>
          </dl>
          <ButtonLink href="/admin/settings" variant="secondary">Change settings</ButtonLink>
        </Card>
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Recent activity</h2>
          {recent.rows.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing recorded yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {recent.rows.map((r) => (
                <li key={r.id} className="flex flex-wrap justify-between gap-x-3 py-1.5">
                  <span><span className="font-medium">{r.actorName ?? 'System'}</span> · {auditActionLabel(r.action)}{r.subjectName && r.subjectName !== r.actorName ? `: ${r.subjectName}` : r.patientName ? `: ${r.patientName}` : ''}</span>
                  <span className="text-slate-500">{formatDateTime(r.createdAt, actor.timeZone)}</span>
                </li>
              ))}
            </ul>
          )}
          <ButtonLink href="/admin/audit" variant="secondary">Open the audit log</ButtonLink>
        </Card>
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Patient data export</h2>
          <p className="text-sm text-slate-600">Give a patient everything the practice holds on them: a ZIP with JSON and CSV files and a FHIR R4 bundle. Each export is audited.</p>
          <ButtonLink href="/admin/export" variant="secondary">Export a patient&apos;s data</ButtonLink>
        </Card>
      </div>
    </div>
  );
}
