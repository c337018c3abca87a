import { z } from 'zod';
import type { Actor } from '@/lib/access/actor';
import { can } from '@/lib/access/policy';
import { urlPage, urlText } from './search-params';
import { PATIENT_STATUSES } from './vocabulary';

// Allow-listed sort and filter keys of the patients table, shared by the URL parser and the
// query (lib/data/patients.ts imports them from here: validation never imports data).
export const PATIENT_SORTS = ['name', 'age', 'status', 'physio', 'lastPain', 'lastActivity', 'created', 'adherence'] as const;
/** Sorts that reveal how patients are doing: clinical roles only (lib/access/policy.ts). */
export const CLINICAL_PATIENT_SORTS = ['lastPain', 'lastActivity', 'adherence'] as const satisfies readonly (typeof PATIENT_SORTS)[number][];
export const PATIENT_FILTER_STATUSES = [...PATIENT_STATUSES, 'all'] as const;

// The patients table's URL: every key allow-listed, anything else falls back to a default
// (text and dates by the shared rules in ./search-params).
export const patientListParams = z.object({
  q: urlText(100),
  status: z.enum(PATIENT_FILTER_STATUSES).optional().catch(undefined),
  physio: z.uuid().optional().catch(undefined),
  alerts: z.literal('1').optional().catch(undefined),
  sort: z.enum(PATIENT_SORTS).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: urlPage,
});

export type PatientListParams = z.infer<typeof patientListParams>;

/**
 * The parameters this actor may use: without a clinical role (a practice manager) the alerts
 * filter and the clinical sorts are dropped, as listPatients ignores them, so the page shows
 * the list it really got.
 */
export function clinicalListParams(params: PatientListParams, actor: Pick<Actor, 'roles'>): PatientListParams {
  if (can(actor, 'patient:readClinical')) return params;
  const { alerts: _alerts, sort, ...rest } = params;
  return sort && !(CLINICAL_PATIENT_SORTS as readonly string[]).includes(sort) ? { ...rest, sort } : rest;
}
