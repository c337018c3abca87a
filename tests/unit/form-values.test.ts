import { describe, expect, it } from 'vitest';
import { keptValues } from '@/app/_components/use-server-form';
import { formFields, submittedValues, withoutIdentifiers } from '@/lib/actions/form-values';

const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe('what a refused form shows again', () => {
  it('keeps every text field, repeated names as lists, without Next action fields or files', () => {
    const sent = form([['firstName', 'Ana'], ['flags', 'cancer'], ['flags', 'trauma'], ['$ACTION_ID_abc', ''], ['photo', new Blob(['x'])]]);
    expect(formFields(sent)).toEqual({ firstName: 'Ana', flags: ['cancer', 'trauma'] });
  });

  it('never sends a password, confirmation, code or link token back into the page', () => {
    const sent = form([['email', 'sam@example.org'], ['password', 'hunter2 hunter2'], ['confirm', 'hunter2 hunter2'], ['code', '123456'], ['token', 'abc']]);
    expect(submittedValues(sent)).toEqual({ email: 'sam@example.org' });
    expect(formFields(sent)).toMatchObject({ password: 'hunter2 hunter2', token: 'abc' });
  });

  it('a refusal from the server names no record, not even one the caller sent', () => {
    const id = '0b6f7a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(withoutIdentifiers({ patientId: id, firstName: 'Ana', items: [`${id}:no-logs`, id], flags: [id] })).toEqual({ firstName: 'Ana', items: [`${id}:no-logs`] });
  });

  it('starts fields from the defaults until the server refuses, then from what was sent', () => {
    const fresh = keptValues(undefined);
    expect(fresh.text('name', 'Saved name')).toBe('Saved name');
    expect(fresh.text('age', 42)).toBe('42');
    expect(fresh.text('missing', null)).toBe('');
    expect(fresh.list('roles', ['physio'])).toEqual(['physio']);
    expect(fresh.checked('twoFactor', 'true', true)).toBe(true);

    const refused = keptValues({ name: 'Typed', roles: 'admin', twoFactor: 'false' });
    expect(refused.text('name', 'Saved name')).toBe('Typed');
    // A text field or select the refusal does not name (an identifier) keeps its default...
    expect(refused.text('missing', 'Saved')).toBe('Saved');
    // ...but a checkbox group or box the browser did not send was emptied or unticked.
    expect(refused.list('roles', ['physio'])).toEqual(['admin']);
    expect(refused.list('flags', ['cancer'])).toEqual([]);
    expect(refused.checked('twoFactor', 'true', true)).toBe(false);
    expect(keptValues({ twoFactor: ['false', 'true'] }).checked('twoFactor', 'true', false)).toBe(true);
  });
});
