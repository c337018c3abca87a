'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { ALERT_LABELS, AlertBadge } from '@/app/_components/alert-badge';
import type { AlertSeverity } from '@/lib/analytics/alerts';
import type { StoredAlert } from '@/lib/data/alert-state';
import { alertItem } from '@/lib/validation/alert-item';
import { AcknowledgeAlertButton } from './acknowledge-one';
import { BULK_FORM_ID } from './bulk-acknowledge-form';

/** What one caseload row shows, as plain data: the page sends this, not the row's markup. */
export type CaseloadListRow = {
  patientId: string;
  name: string;
  /** "condition · physio", either part may be missing. */
  detail: string;
  /** Emergency or same-day: the row gets a red frame. */
  urgent: boolean;
  /** The treating physio or an admin: the row's alerts get a checkbox and an Acknowledge. */
  mayAcknowledge: boolean;
  alerts: { kind: StoredAlert['kind']; severity: AlertSeverity; message: string }[];
  /** Server-rendered parts only some rows have: the red-flag history banner, the phone number. */
  notice?: ReactNode;
  /** The open warning sign's card (server-rendered, with its close form), in the red-flag alert's place. */
  warningSign?: ReactNode;
};

/**
 * The dashboard's list of patients who need attention. A client component for speed, not
 * for interaction: a page of 50 rows sent as server-rendered markup went to the browser twice
 * (as HTML and again as the page's React payload, every class name included), and rendering
 * it cost the server about as much as the rest of the page. As data the payload is the rows'
 * text; the HTML is the same. Warning signs stay server-rendered (passed in as nodes).
 */
export function CaseloadList({ rows }: { rows: CaseloadListRow[] }) {
  return (
    <ol className="space-y-3" data-testid="caseload">
      {rows.map((row) => (
        <li key={row.patientId} className={`rounded-2xl bg-white p-4 ring-1 ${row.urgent ? 'ring-2 ring-red-400' : 'ring-slate-200'}`} data-testid="caseload-row">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <Link href={`/patients/${row.patientId}`} className="text-lg font-semibold text-brand-800 hover:underline">
              {row.name}
            </Link>
            <span className="text-sm text-slate-500">{row.detail}</span>
          </div>
          {row.notice}
          <ul className="mt-2 space-y-2">
            {row.alerts.map((alert) =>
              alert.kind === 'red-flag' ? (
                <li key={alert.kind}>
                  <AlertBadge alert={alert} />
                  <div className="mt-1">{row.warningSign}</div>
                </li>
              ) : (
                <li key={alert.kind} className="alert-line">
                  {row.mayAcknowledge && (
                    // Belongs to the bulk form above (the form attribute), so no form is nested.
                    <input type="checkbox" form={BULK_FORM_ID} name="items" value={alertItem(row.patientId, alert.kind)} className="size-5" aria-label={`Select ${ALERT_LABELS[alert.kind]} for ${row.name}`} data-testid="bulk-select" />
                  )}
                  <AlertBadge alert={alert} />
                  <span className="alert-message">{alert.message}</span>
                  {row.mayAcknowledge && <AcknowledgeAlertButton patientId={row.patientId} kind={alert.kind} about={`${ALERT_LABELS[alert.kind]} for ${row.name}`} />}
                </li>
              ),
            )}
          </ul>
        </li>
      ))}
    </ol>
  );
}
