import type { StoredAlert } from '@/lib/data/alert-state';

export const ALERT_LABELS: Record<StoredAlert['kind'], string> = {
  'red-flag': 'Red-flag symptoms',
  'pain-worse': 'Pain worse',
  'acwr-spike': 'Load spike',
  'distance-spike': 'Distance jump',
  'low-adherence': 'Low adherence',
  'no-logs': 'No logs',
};

const tones = {
  urgent: 'bg-red-700 text-white',
  high: 'bg-red-100 text-red-900',
  medium: 'bg-amber-100 text-amber-900',
  low: 'bg-slate-100 text-slate-700',
};

export function AlertBadge({ alert }: { alert: Pick<StoredAlert, 'kind' | 'severity'> }) {
  return <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-semibold ${tones[alert.severity]}`}>{ALERT_LABELS[alert.kind]}</span>;
}
