// Allow-listed sort and filter keys of the patients table, shared by the URL parser and the query.
export const PATIENT_SORTS = ['name', 'age', 'status', 'physio', 'lastPain', 'lastActivity', 'created'] as const;
export const PATIENT_FILTER_STATUSES = ['active', 'discharged', 'archived', 'all'] as const;
