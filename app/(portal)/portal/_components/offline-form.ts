'use client';

import { unstable_rethrow } from 'next/navigation';
import { startTransition, useActionState, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { newKey } from '@/app/_components/portal-format';
import { keptValues, type FormAction } from '@/app/_components/use-server-form';
import { formFields, submittedValues, type FormValues } from '@/lib/actions/form-values';
import type { ActionResult } from '@/lib/actions/result';
import type { OutboxKind } from '@/lib/offline/outbox';
import { isOffline, noteSavedWithoutRerender, useOfflineQueue } from './offline-portal';

const UNREACHABLE = 'Could not reach the server. Check your connection and try again; nothing was lost.';
const NOT_KEPT = 'You are offline and this phone could not keep the entry (private browsing?). Please try again when you are back online.';
const subscribeToNothing = () => () => {};

/**
 * A portal form's server action: it takes the form as FormData (a plain post, before hydration
 * or without JavaScript) or as its fields. Hydrated forms send the fields: React then encodes
 * the call as text, not multipart form data, and Next.js reads that for less server time (about
 * 0.5 ms of a pain log's 6.5–7 ms of CPU, measured in alternating runs on one build).
 */
export type PortalFormAction<T> = (prev: ActionResult<T> | null, sent: FormData | FormValues) => Promise<ActionResult<T>>;

export type OfflineOptions<T> = {
  kind: OutboxKind;
  /** What the form shows for an entry kept on the phone (nothing has reached the server). */
  queued: (fields: FormValues) => T;
  /** Ticks: a new idempotency key on every submit. Forms: one key per form, kept across retries. */
  keyPerSubmit?: boolean;
  /** Fill in what the server would have decided at once (a tick's day, in the practice's time zone). */
  beforeQueue?: (formData: FormData, timeZone: string) => void;
  /** The action answers with its result only, without re-rendering the page (new pain logs and sessions). */
  answersWithoutRerender?: boolean;
};

/**
 * A portal form on React 19's model (`<form action={formAction}>` + useActionState), like
 * useServerForm, that keeps working without a connection:
 *  - before hydration and without JavaScript, the server action itself: a plain form post;
 *  - hydrated and online, the server action in place (`onSuccess` runs after a save);
 *  - hydrated and offline (or the server cannot be reached), the entry goes to the outbox
 *    with its idempotency key (lib/offline) and the form answers with `offline.queued`.
 *    A request that did reach the server before the connection dropped is stored once:
 *    the outbox resends it with the same key.
 * The key is made in the browser, once per form (or per tap for ticks): a page opened from
 * the device's cache carries the key it was saved with, which must not be used twice.
 */
export function useOfflineForm<T>(action: PortalFormAction<T>, offline: OfflineOptions<T> | null, onSuccess?: (data: T) => void) {
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const outbox = useOfflineQueue();
  const key = useRef<string | null>(null);
  const onSuccessRef = useRef(onSuccess);
  const offlineRef = useRef(offline);
  useEffect(() => {
    onSuccessRef.current = onSuccess;
    offlineRef.current = offline;
  });

  const inPlace = useMemo<FormAction<T>>(
    () => async (prev, formData) => {
      const options = offlineRef.current;
      if (formData.has('idempotencyKey')) {
        if (options?.keyPerSubmit || key.current === null) key.current = newKey();
        formData.set('idempotencyKey', key.current);
      }
      const saved = (result: ActionResult<T>) => {
        if (result.ok) startTransition(() => onSuccessRef.current?.(result.data));
        return result;
      };
      const keepOnPhone = async (): Promise<ActionResult<T>> => {
        if (!options || !outbox) return { ok: false, message: UNREACHABLE, fieldErrors: {}, values: submittedValues(formData) };
        options.beforeQueue?.(formData, outbox.timeZone);
        const fields = formFields(formData);
        try {
          await outbox.queue(options.kind, fields);
        } catch {
          return { ok: false, message: NOT_KEPT, fieldErrors: {}, values: submittedValues(formData) };
        }
        return saved({ ok: true, data: options.queued(fields) });
      };
      if (isOffline()) return keepOnPhone();
      try {
        const result = await action(prev, formFields(formData));
        if (result.ok && options?.answersWithoutRerender) noteSavedWithoutRerender();
        // A refusal of fields carries nothing back (runAction): the form shows what was typed.
        return saved(result.ok ? result : { ...result, values: submittedValues(formData) });
      } catch (error) {
        unstable_rethrow(error);
        return keepOnPhone();
      }
    },
    [action, outbox],
  );
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(hydrated ? inPlace : action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return { state, formAction, pending, errors, keep: keptValues(state && !state.ok ? state.values : undefined) };
}
