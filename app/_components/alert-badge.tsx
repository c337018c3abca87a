import type { AlertSeverity } from '@/lib/analytics/alerts';
import type { StoredAlert } from '@/lib/data/alert-state';

export const ALERT_LABELS: Record<StoredAlert['kind'], string> = {
  'red-flag': 'Warning signs',
  'pain-worse': 'Pain worse',
  'load-not-tolerated': 'Load not tolerated',
  'acwr-spike': 'Load spike',
  'distance-spike': 'Distance jump',
  'low-adherence': 'Low adherence',
  'no-logs': 'No logs',
};

/** One colour per severity, for every place that shows one (badges, the patients table). */
export const SEVERITY_CLASSES: Readonly<Record<AlertSeverity, string>> = {
  emergency: 'bg-red-800 text-white ring-2 ring-red-300',
  urgent: 'bg-red-700 text-white',
  high: 'bg-red-100 text-red-900',
  medium: 'bg-amber-100 text-amber-900',
  low: 'bg-slate-100 text-slate-700',
};

// A warning sign's badge names its tier: an emergency must not look like a review.
const WARNING_SIGN_LABELS = { emergency: 'Emergency warning sign', urgent: 'Same-day warning sign', high: 'Warning sign to review' } as const;

export function AlertBadge({ alert }: { alert: Pick<StoredAlert, 'kind' | 'severity'> }) {
  const label = alert.kind === 'red-flag' && alert.severity in WARNING_SIGN_LABELS ? WARNING_SIGN_LABELS[alert.severity as keyof typeof WARNING_SIGN_LABELS] : ALERT_LABELS[alert.kind];
  return <span className={`alert-badge ${SEVERITY_CLASSES[alert.severity]}`}>{label}</span>;
}
