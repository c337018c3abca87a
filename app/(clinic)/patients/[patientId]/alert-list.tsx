import { AlertBadge } from '@/app/_components/alert-badge';
import { AcknowledgeButton } from '@/app/_components/acknowledge-button';
import type { StoredAlert } from '@/lib/data/alert-state';

/** The patient's alerts with the numbers behind each; open ones can be acknowledged. */
export function AlertList({ patientId, alerts }: { patientId: string; alerts: StoredAlert[] }) {
  if (alerts.length === 0) return null;
  return (
    <section aria-label="Alerts" className="mb-4 space-y-2" data-testid="patient-alerts">
      {alerts.map((alert) => (
        <div key={alert.kind} className={`flex flex-wrap items-center gap-3 rounded-xl px-4 py-3 ring-1 ${alert.acknowledged ? 'bg-white ring-slate-200' : alert.severity === 'urgent' ? 'bg-red-50 ring-red-300' : 'bg-amber-50 ring-amber-200'}`}>
          <AlertBadge alert={alert} />
          <p className="flex-1 text-sm text-slate-800">{alert.message}</p>
          {alert.acknowledged ? <span className="text-sm text-slate-500">Acknowledged</span> : <AcknowledgeButton patientId={patientId} kind={alert.kind} />}
        </div>
      ))}
    </section>
  );
}
