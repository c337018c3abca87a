'use server';

import { revalidatePatients } from '@/lib/actions/revalidate';
import { z } from 'zod';
import { runAction, type ActionResult } from '@/lib/actions/result';
import { acknowledgeAlerts } from '@/lib/data/caseload';
import { alertKeySchema, splitAlertItem } from '@/lib/validation/alert-item';

// Each ticked alert is posted as "patientId:kind"; one reason covers them all.
const item = z.string().regex(/^[0-9a-f-]{36}:[a-z-]+$/, 'Unknown alert').transform(splitAlertItem).pipe(alertKeySchema);

const schema = z.object({
  items: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).min(1, 'Tick the alerts to acknowledge').max(200, 'At most 200 at a time')),
  reason: z.string().trim().min(3, 'Say briefly why (it is kept with each acknowledgement)').max(300, 'Keep the reason under 300 characters'),
});

/** Acknowledge several alerts from the dashboard with one reason (works without JavaScript). */
export async function acknowledgeAlertsAction(_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<{ acknowledged: number }>> {
  return runAction(schema, input, async (actor, { items, reason }) => {
    const acknowledged = await acknowledgeAlerts(actor, items, reason);
    revalidatePatients(items.map((i) => i.patientId));
    return { acknowledged };
  });
}
