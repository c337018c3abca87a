import type { SafetyTimelineItem } from '@/lib/data/safety-alerts';
import { when } from '@/app/_components/warning-sign-card';
import { CLOSE_ACTION_LABELS } from '@/lib/validation/safety';
import { byUrgency, symptomLabel, TIER_GUIDE } from '@/lib/validation/symptoms';

const STATUS = { sent: 'emailed', pending: 'email pending', failed: 'email failed', 'not-configured': 'not emailed (no mail server)' } as const;

/** Every warning sign on the record, newest first: what was reported, who was told, who closed it with which action and note. */
export function WarningSignHistory({ items, timeZone }: { items: SafetyTimelineItem[]; timeZone: string }) {
  if (items.length === 0) return <p className="mt-2 text-sm text-slate-600">No warning signs reported.</p>;
  const day = (at: Date) => when(at, timeZone);
  return (
    <ol className="mt-2 space-y-3 text-sm" data-testid="warning-sign-history">
      {items.map((item) => (
        <li key={item.id} className="border-l-4 pl-3 data-[tier=emergency]:border-red-600 data-[tier=review]:border-slate-400 data-[tier=same-day]:border-amber-500" data-tier={item.tier}>
          <p className="font-medium text-slate-900">
            {TIER_GUIDE[item.tier].clinicLabel}: {byUrgency(item.flags).map(symptomLabel).join('; ')}
          </p>
          <p className="text-slate-600">
            Entered {day(item.openedAt)}
            {item.reportCount > 1 ? ` · ${item.reportCount} reports, last ${day(item.lastReportAt)}` : ''}
          </p>
          {item.notifications.map((n) => (
            <p key={n.id} className="text-slate-600">
              {n.recipientName}: {STATUS[n.status]}
              {n.sentAt ? ` ${day(n.sentAt)}` : ''}
              {n.reason === 'escalated' ? ' (escalated)' : n.reason === 'no-active-physio' ? ' (no active physio)' : ''}
            </p>
          ))}
          {item.status === 'closed' && item.closeAction ? (
            <p className="text-slate-800" data-testid="warning-sign-closed">
              Closed {item.closedAt ? day(item.closedAt) : ''} by {item.closedByName ?? 'a former colleague'}: {CLOSE_ACTION_LABELS[item.closeAction]}. “{item.closeNote}”
            </p>
          ) : (
            <p className="font-semibold text-red-800">Open</p>
          )}
        </li>
      ))}
    </ol>
  );
}
