import { z } from 'zod';

/** What a clinician did about a warning sign: the only way an alert for one is closed. */
export const CLOSE_ACTIONS = ['called-patient', 'advised-emergency-care', 'seen-in-clinic', 'known-and-managed'] as const;
export type CloseAction = (typeof CLOSE_ACTIONS)[number];
export const CLOSE_ACTION_LABELS: Readonly<Record<CloseAction, string>> = {
  'called-patient': 'Called the patient',
  'advised-emergency-care': 'Advised emergency care',
  'seen-in-clinic': 'Seen in clinic',
  'known-and-managed': 'Known and managed',
};

/** Closing a warning-sign alert: what was done, and a note a colleague can act on. */
export const closeSafetyAlertSchema = z.object({
  alertId: z.uuid(),
  action: z.enum(CLOSE_ACTIONS, 'Choose what you did'),
  note: z.string().trim().min(3, 'Write a short note: what you did and what happens next').max(1000),
});
