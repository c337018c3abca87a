import { z } from 'zod';
import { PATIENT_FILTER_STATUSES, PATIENT_SORTS } from '@/lib/data/patient-list-keys';

// The patients table's URL: every key allow-listed, anything else falls back to a default.
export const patientListParams = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(PATIENT_FILTER_STATUSES).optional().catch(undefined),
  physio: z.uuid().optional().catch(undefined),
  alerts: z.literal('1').optional().catch(undefined),
  sort: z.enum(PATIENT_SORTS).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export type PatientListParams = z.infer<typeof patientListParams>;
