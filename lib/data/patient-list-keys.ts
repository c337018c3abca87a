// Allow-listed sort and filter keys of the patients table, shared by the URL parser and the query.
export const PATIENT_SORTS = ['name', 'age', 'status', 'physio', 'lastPain', 'lastActivity', 'created', 'adherence'] as const;
/** Sorts that reveal how patients are doing: clinical roles only (lib/access/policy.ts). */
export const CLINICAL_PATIENT_SORTS = ['lastPain', 'lastActivity', 'adherence'] as const satisfies readonly (typeof PATIENT_SORTS)[number][];
export const PATIENT_FILTER_STATUSES = ['active', 'discharged', 'archived', 'all'] as const;
