import { ALERT_LABELS, AlertBadge } from '@/app/_components/alert-badge';
import { AcknowledgeButton } from '@/app/_components/acknowledge-button';
import { WarningSignCard } from '@/app/_components/warning-sign-card';
import type { StoredAlert } from '@/lib/data/alert-state';
import type { WarningSignDetails } from '@/lib/data/safety-alerts';

/**
 * The patient's alerts with the numbers behind each. Trend alerts can be acknowledged;
 * an open warning sign shows who was told and is closed only with the action taken.
 */
export function AlertList({ patientId, alerts, warningSigns, timeZone }: { patientId: string; alerts: StoredAlert[]; warningSigns: Map<string, WarningSignDetails>; timeZone: string }) {
  if (alerts.length === 0) return null;
  return (
    <section aria-label="Alerts" className="mb-4 space-y-2" data-testid="patient-alerts">
      {alerts.map((alert) =>
        alert.kind === 'red-flag' ? (
          <div key={alert.kind}>
            <AlertBadge alert={alert} />
            <div className="mt-1">
              <WarningSignCard signs={alert.evidence} details={warningSigns.get(alert.evidence.alertId)} timeZone={timeZone} canClose />
            </div>
          </div>
        ) : (
          <div key={alert.kind} className={`flex flex-wrap items-center gap-3 rounded-xl px-4 py-3 ring-1 ${alert.acknowledged ? 'bg-white ring-slate-200' : 'bg-amber-50 ring-amber-200'}`}>
            <AlertBadge alert={alert} />
            <p className="flex-1 text-sm text-slate-800">{alert.message}</p>
            {alert.acknowledged ? <span className="text-sm text-slate-500">Acknowledged</span> : <AcknowledgeButton patientId={patientId} kind={alert.kind} about={ALERT_LABELS[alert.kind]} />}
          </div>
        ),
      )}
    </section>
  );
}
