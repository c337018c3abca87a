// The audit page's "Details" column: an event's meta (free-form jsonb that each writer
// records) in the practice's own words. Keys read as the forms label them, codes as the
// vocabularies name them (warning signs, screening flags, close actions, settings), ids are
// left out (the row already links the patient; the CSV download keeps the raw meta).
import { MORNING_AFTER_LABELS } from '@/lib/analytics/pain-monitoring';
import { formatRoles } from '@/lib/format';
import { PRACTICE_SETTING_LABELS } from '@/lib/validation/admin';
import { CLOSE_ACTION_LABELS } from '@/lib/validation/safety';
import { screeningLabel } from '@/lib/validation/screening';
import { symptomLabel, TIER_LABELS } from '@/lib/validation/symptoms';
import { auditActionLabel } from './actions';

/** The longest summary shown; the full meta is in the CSV download. */
export const DETAILS_MAX_CHARS = 200;

/** A nested object of an event's meta, or an empty one. */
function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

const lookup = (labels: Readonly<Record<string, string>>) => (v: unknown) => labels[String(v)] ?? String(v);
const list = (label: (key: string) => string) => (v: unknown) => (Array.isArray(v) ? (v.length ? v.map((k) => label(String(k))).join(', ') : 'none') : label(String(v)));
const yesNo = (v: unknown) => (v ? 'yes' : 'no');

/** Meta keys in words, each with how its value reads. Keys not listed here show as they are. */
const FIELDS: Record<string, { label: string; value?: (v: unknown, action: string) => string }> = {
  score: { label: 'Score', value: (v, action) => (action.startsWith('pain.') ? `${String(v)}/10` : String(v)) },
  redFlags: { label: 'Warning signs', value: list(symptomLabel) },
  screeningFlags: { label: 'Screening flags', value: list(screeningLabel) },
  added: { label: 'Added', value: list(screeningLabel) },
  removed: { label: 'Removed', value: list(screeningLabel) },
  tier: { label: 'Tier', value: lookup(TIER_LABELS) },
  closeAction: { label: 'What was done', value: lookup(CLOSE_ACTION_LABELS) },
  morningAfter: { label: 'Next morning', value: lookup(MORNING_AFTER_LABELS) },
  rpe: { label: 'Effort (RPE)', value: (v) => `${String(v)}/10` },
  level: { label: 'Level' },
  message: { label: 'Alert' },
  reason: { label: 'Reason', value: (v) => (v === 'no-active-physio' ? 'no active physio to tell' : String(v)) },
  bulk: { label: 'Acknowledged together', value: (v) => `${String(v)} alerts` },
  recipients: { label: 'People told' },
  template: { label: 'Template' },
  items: { label: 'Exercises' },
  version: { label: 'Version' },
  measure: { label: 'Questionnaire' },
  kind: { label: 'Account' },
  email: { label: 'Email' },
  roles: { label: 'Roles', value: (v) => formatRoles(Array.isArray(v) ? v.map(String) : [String(v)]) },
  resent: { label: 'Resent', value: yesNo },
  ownerEmailed: { label: 'Owner emailed', value: yesNo },
  previousStatus: { label: 'Was' },
  status: { label: 'Now' },
  wasEnabled: { label: 'Was on', value: yesNo },
  sessions: { label: 'Sessions ended' },
  daily: { label: 'Daily reminder', value: (v) => (v ? String(v) : 'off') },
  weekly: { label: 'Weekly summary', value: (v) => (v ? 'on' : 'off') },
  quiet: { label: 'Quiet hours', value: (v) => (v ? String(v) : 'none') },
  via: { label: 'Via' },
  upload: { label: 'File' },
  imported: { label: 'Imported' },
  alreadyImported: { label: 'Already imported' },
  duplicates: { label: 'Duplicates' },
  refused: { label: 'Refused' },
  outcome: { label: 'Outcome', value: (v) => (v === 'not-configured' ? 'not sent: no mail server set up' : String(v)) },
  bytes: { label: 'Size', value: (v) => `${Math.max(1, Math.round(Number(v) / 1024))} kB` },
  format: { label: 'Format', value: (v) => String(v).toUpperCase() },
  contents: { label: 'Contents', value: (v) => (v === 'contact' ? 'identity and contact data only' : 'the whole record') },
  factor: { label: 'Second factor', value: (v) => (v === 'recovery' ? 'a recovery code' : 'an authenticator code') },
  step: { label: 'Step', value: (v) => (v === 'two_factor' ? 'the two-factor code' : String(v)) },
};

/** An id in meta (reportId, from, to): nothing a reader of this page acts on. */
const isId = (key: string, value: unknown) => /Id$/.test(key) || (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value));

/** A setting's value as a reader of the settings page knows it. */
const settingValue = (v: unknown) => (v === null || v === undefined || v === '' ? 'not set' : typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v));

/** A short, readable summary of an event's details (who changed what into what). */
export function auditDetails(action: string, meta: Record<string, unknown> | null): string {
  const m = meta ?? {};
  let text: string;
  if (action === 'user.roles_change' && Array.isArray(m.before) && Array.isArray(m.after)) {
    text = `${formatRoles(m.before.map(String))} → ${formatRoles(m.after.map(String))}${m.selfGrant ? ' (self-grant: the only active admin)' : ''}`;
  } else if (action === 'audit.export' && typeof m.filters === 'object' && m.filters !== null) {
    // The download's filters read as on this page: "What happened: Patient record viewed".
    const f = record(m.filters);
    const parts = [typeof f.action === 'string' && `What happened: ${auditActionLabel(f.action)}`, typeof f.from === 'string' && `from ${f.from}`, typeof f.to === 'string' && `to ${f.to}`].filter(Boolean);
    text = `${parts.length ? `${parts.join(', ')}; ` : ''}${String(m.rows ?? '')} rows${m.truncated ? ' (cut off)' : ''}`;
  } else if (action === 'practice.settings_update' && Array.isArray(m.changed)) {
    const before = record(m.before);
    const after = record(m.after);
    const labels: Readonly<Record<string, string>> = PRACTICE_SETTING_LABELS;
    text = m.changed.map(String).map((k) => `${labels[k] ?? k}: ${settingValue(before[k])} → ${settingValue(after[k])}`).join('; ');
  } else if (action === 'patient.reassign') {
    text = `${String(m.fromName ?? '')} → ${String(m.toName ?? '')}`;
  } else {
    text = Object.entries(m)
      .filter(([k, v]) => v !== null && v !== undefined && v !== '' && !isId(k, v))
      .map(([k, v]) => {
        const field = FIELDS[k];
        const value = field?.value ? field.value(v, action) : typeof v === 'object' ? JSON.stringify(v) : String(v);
        return `${field?.label ?? k}: ${value}`;
      })
      .join('; ');
  }
  return text.length > DETAILS_MAX_CHARS ? `${text.slice(0, DETAILS_MAX_CHARS - 1)}…` : text;
}
