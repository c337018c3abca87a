// Small display helpers for the admin pages, in the practice's time zone.
export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

export const ROLE_LABELS: Record<string, string> = { physio: 'Physio', admin: 'Admin', patient: 'Patient' };
export const STATUS_TONES = { active: 'green', invited: 'amber', deactivated: 'slate' } as const;
export const STATUS_LABELS = { active: 'Active', invited: 'Invited', deactivated: 'Deactivated' } as const;
