import { z } from 'zod';
import { ALERT_KINDS } from './vocabulary';

// One alert as the dashboard's forms post it, "patientId:kind": the bulk checkboxes and each
// alert's own Acknowledge button (app/(clinic)/dashboard). Written and read here only.

export const alertItem = (patientId: string, kind: string): string => `${patientId}:${kind}`;

/** The two parts of an item, either side of its first ':' (none: no kind); the schema below checks them. */
export function splitAlertItem(item: string): { patientId: string; kind: string } {
  const at = item.indexOf(':');
  return at < 0 ? { patientId: item, kind: '' } : { patientId: item.slice(0, at), kind: item.slice(at + 1) };
}

export const alertKeySchema = z.object({ patientId: z.uuid(), kind: z.enum(ALERT_KINDS) });
