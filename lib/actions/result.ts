import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/access/actor';
import { requireActor } from '@/lib/auth/require-actor';
import { AppError, type ErrorCode } from '@/lib/errors';
import { UNSTORABLE } from '@/lib/validation/storable';
import { formFields, submittedValues, withoutIdentifiers, type FormValues } from './form-values';

/**
 * The one shape every server action returns, so forms can show every field's error. A refused
 * form post carries back what was sent (`values`), so the form shows it again, with or
 * without JavaScript.
 */
export type ActionResult<T> =
  | { ok: true; data: T; values?: FormValues }
  | { ok: false; message: string; fieldErrors: Record<string, string[]>; code?: ErrorCode; values?: FormValues };

/** Every field's messages (not only the first), keyed by dotted path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Field errors for every string in the input that the database could not keep as typed. */
export function unstorableText(value: unknown, path: string[] = [], out: Record<string, string[]> = {}, depth = 0): Record<string, string[]> {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) out[path.join('.') || '_form'] = ['Remove the hidden control characters from this text'];
  } else if (value !== null && typeof value === 'object' && depth < 8 && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) unstorableText(item, [...path, key], out, depth + 1);
  }
  return out;
}

/**
 * Turn FormData into a plain object; repeated keys become arrays. A server action is a
 * public endpoint and may be sent anything: a plain object passes through, anything else
 * becomes an empty object for the schema to refuse.
 */
export function formDataToObject(formData: unknown): Record<string, unknown> {
  if (!(formData instanceof FormData)) {
    return formData !== null && typeof formData === 'object' && !Array.isArray(formData) ? { ...(formData as Record<string, unknown>) } : {};
  }
  return formFields(formData);
}

/**
 * The action wrapper: parse input with zod, learn who is asking, then run the
 * body (which checks permissions through the data layer). Coded errors become
 * results; anything else is a bug and is rethrown.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  body: (actor: Actor, data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  // A refused form post carries back what was typed; a call with a plain object has nothing to show.
  const sent = () => (input instanceof FormData ? { values: withoutIdentifiers(submittedValues(input)) } : {});
  try {
    const actor = await requireActor();
    const raw = input instanceof FormData ? formDataToObject(input) : input;
    const parsed = schema.safeParse(raw);
    const unstorable = unstorableText(raw);
    if (!parsed.success || Object.keys(unstorable).length) {
      return { ok: false, code: 'invalid', message: 'Please check the highlighted fields.', fieldErrors: { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...unstorable }, ...sent() };
    }
    return { ok: true, data: await body(actor, parsed.data) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors ?? {}, ...sent() };
    }
    throw error;
  }
}
