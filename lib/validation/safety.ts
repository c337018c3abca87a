import { z } from 'zod';
import { CLOSE_ACTIONS } from '@/db/schema';

/** Closing a warning-sign alert: what was done, and a note a colleague can act on. */
export const closeSafetyAlertSchema = z.object({
  alertId: z.uuid(),
  action: z.enum(CLOSE_ACTIONS, 'Choose what you did'),
  note: z.string().trim().min(3, 'Write a short note: what you did and what happens next').max(1000),
});
