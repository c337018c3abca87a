'use client';

import { useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/actions/result';

/**
 * Submit a form to a server action without React's automatic form reset, so what the
 * user typed stays when the server answers with field errors.
 */
export function useFormAction<T>(
  action: (prev: unknown, input: FormData) => Promise<ActionResult<T>>,
  onSuccess?: (data: T, form: HTMLFormElement) => void,
) {
  const [state, setState] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      try {
        const result = await action(null, data);
        setState(result);
        if (result.ok) onSuccess?.(result.data, form);
      } catch {
        setState({ ok: false, message: 'Could not reach the server. Check your connection and try again; nothing was lost.', fieldErrors: {} });
      }
    });
  };
  const errors = state && !state.ok ? state.fieldErrors : {};
  return { state, pending, onSubmit, errors, reset: () => setState(null) };
}
