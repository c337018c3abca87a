'use client';

import { unstable_rethrow } from 'next/navigation';
import { startTransition, useActionState, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { submittedValues, type FormValues } from '@/lib/actions/form-values';
import type { ActionResult } from '@/lib/actions/result';

/** A server action in the shape `useActionState` calls: the last result, then the form's data. */
export type FormAction<T> = (prev: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

const UNREACHABLE = 'Could not reach the server. Check your connection and try again; nothing was lost.';
const subscribeToNothing = () => () => {};

/**
 * A form posted to a server action the React 19 way: `<form action={formAction}>`, with
 * `SubmitButton` (useFormStatus) showing that it is busy.
 *
 * Until the page has hydrated (and always without JavaScript) the form is a plain POST to the
 * server action and the page comes back rendered with its result. Once hydrated the action runs
 * in place: a request that cannot reach the server becomes a message instead of an error page,
 * and `onSuccess` runs with the result and what was sent (a redirect from the action is left
 * to Next.js).
 *
 * React resets a form after its action, so every field takes its default value again: a
 * field's default comes from `keep`, which after a refusal is what was sent.
 */
export function useServerForm<T>(action: FormAction<T>, onSuccess?: (data: T, sent: FormValues) => void) {
  // false on the server and while hydrating, true from then on.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const onSuccessRef = useRef(onSuccess);
  useEffect(() => {
    onSuccessRef.current = onSuccess;
  });
  const inPlace = useMemo<FormAction<T>>(
    () => async (prev, formData) => {
      try {
        const result = await action(prev, formData);
        if (result.ok) startTransition(() => onSuccessRef.current?.(result.data, submittedValues(formData)));
        // The server's copy leaves out record identifiers (a chosen physio, say); this one has them.
        return result.ok ? result : { ...result, values: submittedValues(formData) };
      } catch (error) {
        unstable_rethrow(error);
        return { ok: false, message: UNREACHABLE, fieldErrors: {}, values: submittedValues(formData) };
      }
    },
    [action],
  );
  // The server action itself while the markup comes from the server: React renders it as a
  // real form post (the action's id in hidden fields), so it works before any script runs.
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(hydrated ? inPlace : action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return { state, formAction, pending, errors, keep: keptValues(state && !state.ok ? state.values : undefined) };
}

/** Fields' starting values: what was sent when the server refused the form, else the defaults given. */
export function keptValues(values: FormValues | undefined) {
  const list = (name: string, fallback: readonly string[] = []): string[] => (values ? [values[name] ?? []].flat() : [...fallback]);
  return {
    /**
     * One text field, select or radio group. A field the refusal does not name (a record's
     * identifier, which the server never sends back) keeps its default, never an empty choice.
     */
    text: (name: string, fallback?: string | number | null): string => {
      const sent = values?.[name];
      if (sent !== undefined) return [sent].flat()[0] ?? '';
      return fallback == null ? '' : String(fallback);
    },
    /** A checkbox group: the ticked values. */
    list,
    /** One checkbox that posts `value` when ticked. */
    checked: (name: string, value: string, fallback: boolean): boolean => (values ? list(name).includes(value) : fallback),
  };
}
