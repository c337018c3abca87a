import { z } from 'zod';
import { ALERT_KINDS } from './vocabulary';

// One alert as the dashboard's forms post it, "patientId:kind": the bulk checkboxes and each
// alert's own Acknowledge button (app/(clinic)/dashboard). Written and read here only.

export const alertItem = (patientId: string, kind: string): string => `${patientId}:${kind}`;

/** The two parts of an item (a patient id is 36 characters); the schema below checks them. */
export const splitAlertItem = (item: string) => ({ patientId: item.slice(0, 36), kind: item.slice(37) });

export const alertKeySchema = z.object({ patientId: z.uuid(), kind: z.enum(ALERT_KINDS) });
