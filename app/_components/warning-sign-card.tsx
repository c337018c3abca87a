import type { OpenWarningSigns } from '@/lib/analytics/alerts';
import type { WarningSignDetails } from '@/lib/data/safety-alerts';
import { formatDateTime } from '@/lib/format';
import { localDate } from '@/lib/dates';
import { byUrgency, symptomLabel, TIER_GUIDE } from '@/lib/validation/symptoms';
import { CloseWarningSignForm } from './close-warning-sign-form';

const TONE = { emergency: 'bg-red-50 ring-2 ring-red-600', 'same-day': 'bg-amber-50 ring-1 ring-amber-400', review: 'bg-slate-50 ring-1 ring-slate-300' } as const;
const STATUS = { sent: 'emailed', pending: 'not emailed yet (retrying)', failed: 'email failed', 'not-configured': 'not emailed: no mail server set up' } as const;
const REASON = { opened: '', raised: ' (tier raised)', escalated: ' (escalated)', 'no-active-physio': ' (no active treating physio)' } as const;

/** "today 10:42", else "26 Nov 2026, 09:10" (lib/format.ts): a clinic reads these at a glance. */
export function when(instant: Date | string, timeZone: string): string {
  const at = new Date(instant);
  const text = formatDateTime(at, timeZone);
  return localDate(new Date(), timeZone) === localDate(at, timeZone) ? `today ${text.slice(-5)}` : text;
}

/**
 * One open warning sign: its tier and signs, when it was entered (not only the day it
 * describes), who was emailed and when the leads are told if nobody acts, and the form
 * that closes it with an action.
 */
export function WarningSignCard({ signs, details, timeZone, canClose }: { signs: OpenWarningSigns; details: WarningSignDetails | undefined; timeZone: string; canClose: boolean }) {
  return (
    <div className={`rounded-xl p-3 ${TONE[signs.tier]}`} data-testid="warning-sign" data-tier={signs.tier}>
      <p className="text-sm font-semibold text-slate-900">
        {TIER_GUIDE[signs.tier].clinicLabel}: {byUrgency(signs.flags).map(symptomLabel).join('; ')}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {signs.reportCount > 1 ? `${signs.reportCount} reports` : '1 report'}, first entered {when(details?.openedAt ?? signs.openedAt, timeZone)}
        {details && details.lastReportAt.getTime() !== details.openedAt.getTime() ? `, last entered ${when(details.lastReportAt, timeZone)}` : ''}.
      </p>
      {details && (
        <ul className="mt-1 space-y-0.5 text-sm text-slate-700" data-testid="warning-sign-told">
          {details.notifications.map((n, i) => (
            <li key={i}>
              {n.recipientName}: {STATUS[n.status]}
              {n.sentAt ? ` ${when(n.sentAt, timeZone)}` : ''}
              {REASON[n.reason]}
            </li>
          ))}
          {details.notifications.length === 0 && <li>Nobody emailed: {signs.tier === 'review' ? 'review-tier signs wait here.' : 'no active physio, lead or safety inbox to tell.'}</li>}
          {details.escalatedAt ? null : details.escalateAt && <li>Clinical leads and the safety inbox are told {when(details.escalateAt, timeZone)} unless it is closed.</li>}
        </ul>
      )}
      {canClose && (
        // Folded so a full dashboard stays scannable; a native <details> needs no script.
        <details className="mt-2">
          <summary className="inline-flex min-h-11 cursor-pointer items-center rounded-lg bg-white px-3 text-sm font-semibold text-slate-900 ring-1 ring-slate-300">Close with the action you took…</summary>
          <CloseWarningSignForm alertId={signs.alertId} />
        </details>
      )}
    </div>
  );
}
