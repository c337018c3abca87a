// Small display helpers for the admin pages; dates and roles read as everywhere else (lib/format.ts).
export { formatDateTime } from '@/lib/format';
export { ROLE_LABELS } from '@/lib/format';
export const STATUS_TONES = { active: 'green', invited: 'amber', deactivated: 'slate' } as const;
export const STATUS_LABELS = { active: 'Active', invited: 'Invited', deactivated: 'Deactivated' } as const;
