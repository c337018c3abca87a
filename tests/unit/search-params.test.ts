// URL parameters follow the same text and date rules as form input (issue 14, item 5):
// a NUL, an unpaired surrogate or a year outside 1900–2100 is dropped (treated as absent),
// never passed on to the database where it would fail with a 500.
import { describe, expect, it } from 'vitest';
import { auditListParams, userListParams } from '@/lib/validation/admin';
import { patientListParams } from '@/lib/validation/patient-list';
import { firstValues, urlDate, urlText } from '@/lib/validation/search-params';

const BAD_TEXT = ['\u0000', 'a\u0000b', 'x\uD800', '\uDC00y', 'a\uDBFFb'];

describe('search-param parsers', () => {
  it('drop text with NUL or lone surrogates and keep ordinary text (emoji included)', () => {
    for (const bad of BAD_TEXT) {
      expect(patientListParams.parse({ q: bad }).q, JSON.stringify(bad)).toBeUndefined();
      expect(userListParams.parse({ q: bad }).q, JSON.stringify(bad)).toBeUndefined();
    }
    expect(patientListParams.parse({ q: '  Ann 🏃 ' }).q).toBe('Ann 🏃');
    expect(userListParams.parse({ q: 'smith' }).q).toBe('smith');
  });

  it('drop dates with a year outside 1900–2100 or no such day', () => {
    for (const bad of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31', '2024-02-30', '2024-1-1', '2024-01-01\u0000']) {
      const parsed = auditListParams.parse({ from: bad, to: bad });
      expect(parsed.from, bad).toBeUndefined();
      expect(parsed.to, bad).toBeUndefined();
    }
    expect(auditListParams.parse({ from: '1900-01-01', to: '2100-12-31' })).toMatchObject({ from: '1900-01-01', to: '2100-12-31' });
    expect(auditListParams.parse({ to: '2024-02-29' }).to).toBe('2024-02-29');
  });

  it('never throw, whatever the URL holds', () => {
    const junk = { q: '\u0000', from: '0000-01-01', to: '2101-01-01', page: '\u0000', sort: '\uD800', person: 'x\u0000', action: '\u0000', status: '\uDC00' };
    expect(() => patientListParams.parse(junk)).not.toThrow();
    expect(() => userListParams.parse(junk)).not.toThrow();
    expect(() => auditListParams.parse(junk)).not.toThrow();
    expect(auditListParams.parse(junk)).toEqual({});
  });

  it('the helpers: urlText, urlDate and firstValues', () => {
    const q = urlText(5);
    expect(q.parse('a\u0000')).toBeUndefined();
    expect(q.parse(' abc ')).toBe('abc');
    expect(q.parse('toolong')).toBeUndefined();
    expect(q.parse(undefined)).toBeUndefined();
    expect(urlDate.parse('2000-01-01')).toBe('2000-01-01');
    expect(urlDate.parse('0000-01-01')).toBeUndefined();
    expect(firstValues(new URLSearchParams('q=a%00b&q=second&to=0000-01-01'))).toEqual({ q: 'a\u0000b', to: '0000-01-01' });
    expect(firstValues({ q: ['one', 'two'], page: '2', none: undefined })).toEqual({ q: 'one', page: '2', none: undefined });
  });
});
