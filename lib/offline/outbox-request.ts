import { z } from 'zod';
import { completionSchema, painReportSchema, trainingSessionSchema } from '@/lib/validation/entries';

// What the offline outbox posts (lib/offline/send.ts): which kind of entry, the patient
// whose portal queued it, and the form fields exactly as the server actions receive them.
// The fields are then checked by the same zod schemas as the server actions.

const field = z.union([z.string().max(2000), z.array(z.string().max(200)).max(40)]);

export const outboxRequestSchema = z.object({
  kind: z.enum(['tick', 'pain', 'session']),
  patientId: z.uuid(),
  // A patient never names whose record is written (the session decides): patientId is dropped.
  fields: z.record(z.string().max(40), field).transform(({ patientId: _ignored, ...rest }) => rest),
});

export type OutboxRequest = z.infer<typeof outboxRequestSchema>;

/** The schema each kind's fields must pass: the server actions' own. */
export const OUTBOX_FIELD_SCHEMAS = {
  tick: completionSchema,
  pain: painReportSchema,
  session: trainingSessionSchema,
} as const;
