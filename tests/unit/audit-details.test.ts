import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_FILTERS, AUDIT_ACTION_LABELS, auditActionLabel } from '@/lib/audit/actions';
import { auditDetails, DETAILS_MAX_CHARS } from '@/lib/audit/details';

// The audit page's Details column: the words of the forms and vocabularies, never codes or ids.
describe('auditDetails', () => {
  it('a pain log names its score on the 0-10 scale and its warning signs by their vocabulary labels', () => {
    expect(auditDetails('pain.create', { score: 5, redFlags: ['pain-below-knee', 'sleep-disturbed'] })).toBe(
      'Score: 5/10; Warning signs: Pain below the knee that is new or spreading, Pain woke me at night',
    );
    expect(auditDetails('pain.create', { score: 2, redFlags: [] })).toBe('Score: 2/10; Warning signs: none');
  });

  it('a warning sign names its tier and leaves out the report id', () => {
    expect(auditDetails('safety.open', { tier: 'same-day', reportId: '1ed775e8-6396-4f83-bb5a-52dccc16ca55' })).toBe('Tier: Same day');
    expect(auditDetails('safety.close', { closeAction: 'called-patient', tier: 'emergency' })).toBe('What was done: Called the patient; Tier: Emergency');
    expect(auditDetails('safety.escalate', { tier: 'review', reason: 'no-active-physio' })).toBe('Tier: Review at the next contact; Reason: no active physio to tell');
  });

  it('a questionnaire score is not a pain score', () => {
    expect(auditDetails('measure.submit', { measure: 'odi', score: 34 })).toBe('Questionnaire: odi; Score: 34');
  });

  it('screening changes and the morning check-in read as their labels', () => {
    expect(auditDetails('patient.screening', { added: ['cancer-history'], removed: [] })).toBe('Added: History of cancer; Removed: none');
    expect(auditDetails('session.check_in', { morningAfter: 'worse' })).toBe('Next morning: Worse than usual');
  });

  it('a settings change names each setting as the settings page does, with empty values as "not set"', () => {
    expect(
      auditDetails('practice.settings_update', {
        changed: ['painWorseMinPoints', 'safetyInbox', 'requireStaffTwoFactor'],
        before: { painWorseMinPoints: 2, safetyInbox: null, requireStaffTwoFactor: false },
        after: { painWorseMinPoints: 3, safetyInbox: 'leads@clinic.example', requireStaffTwoFactor: true },
      }),
    ).toBe('Pain worse by at least: 2 → 3; Safety inbox: not set → leads@clinic.example; Require two-factor sign-in for staff: off → on');
  });

  it('keeps the special forms: roles, reassignment and the audit download', () => {
    expect(auditDetails('user.roles_change', { before: ['physio'], after: ['admin', 'physio'] })).toBe('Physio → Physio and admin');
    expect(auditDetails('patient.reassign', { from: 'a', fromName: 'Jo Lee', to: 'b', toName: 'Sam Patel' })).toBe('Jo Lee → Sam Patel');
    expect(auditDetails('audit.export', { filters: { action: 'patient.view', from: '2026-01-01' }, rows: 12, truncated: false })).toBe(
      'What happened: Patient record viewed, from 2026-01-01; 12 rows',
    );
  });

  it('shows unknown keys as they are, skips empty values and cuts a long summary', () => {
    expect(auditDetails('patient.update', { something: 'x', nested: { a: 1 }, empty: '', none: null })).toBe('something: x; nested: {"a":1}');
    expect(auditDetails('patient.update', null)).toBe('');
    const long = auditDetails('alert.acknowledge', { level: 'high', message: 'x'.repeat(500) });
    expect(long).toHaveLength(DETAILS_MAX_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the audit filter', () => {
  it('offers every family it has words for, and how warning signs were handled', () => {
    const families = new Set(Object.keys(AUDIT_ACTION_LABELS).map((a) => a.split('.')[0]!));
    const named = [...families].filter((f) => auditActionLabel(f) !== f);
    expect(named).toContain('safety');
    for (const family of named) expect(AUDIT_ACTION_FILTERS).toContain(family);
    expect(AUDIT_ACTION_FILTERS).toEqual(expect.arrayContaining(['safety.open', 'safety.escalate', 'safety.close']));
  });
});
