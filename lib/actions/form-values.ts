// What a form sent, kept so the form can show it again after the server refused it. Shared by
// the server actions (for a form posted without JavaScript, the page comes back rendered with
// these values) and the client form hook; nothing server-only lives here.

/** A form's fields as sent: one string, or several for repeated names (checkbox groups). */
export type FormValues = Record<string, string | string[]>;

// Secrets are never sent back into a page: a refused password or code is typed again.
const SECRET_FIELDS = new Set(['password', 'confirm', 'code', 'token']);

/** A form's text fields, without Next's action fields and files; repeated names become arrays. */
export function formFields(formData: FormData): FormValues {
  const out: FormValues = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/**
 * One field of a form's fields (formFields): its first value as text, '' when absent. The
 * server actions read what was posted with it too, where anything that is not text counts as
 * absent (an action is a public endpoint).
 */
export function fieldText(fields: Record<string, unknown>, name: string): string {
  const value: unknown = [fields[name]].flat()[0];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Every value of a repeated field (a checkbox group), as fieldText reads one. */
export function fieldList(fields: Record<string, unknown>, name: string): string[] {
  return [fields[name] ?? []].flat().filter((v): v is string => typeof v === 'string');
}

const IDENTIFIER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a server's refusal sends back: no record identifiers (the chosen physio, the patient a
 * hidden field names). A refusal never names a record, not even one the caller sent (the
 * access matrix checks this); a hydrated form restores them from its own copy.
 */
export function withoutIdentifiers(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [name, value] of Object.entries(values)) {
    const kept = [value].flat().filter((v) => !IDENTIFIER.test(v));
    if (kept.length) out[name] = Array.isArray(value) ? kept : kept[0]!;
  }
  return out;
}

/** What to show again after a refusal: every text field but the secrets. */
export function submittedValues(formData: FormData): FormValues {
  const values = formFields(formData);
  for (const name of SECRET_FIELDS) delete values[name];
  return values;
}
