'use client';

import { createContext, useContext, useState } from 'react';
import { useServerForm } from '@/app/_components/use-server-form';
import { acknowledgeAlertAction } from '@/lib/actions/alerts/acknowledge-alert';
import { alertItem } from '@/lib/validation/alert-item';

const FORM_ID = 'acknowledge-one';

type Shared = { pendingItem: string | null; failed: { item: string; message: string } | null };
const Context = createContext<Shared>({ pendingItem: null, failed: null });

/**
 * One form for every alert's own "Acknowledge" on the dashboard. Each button joins it through
 * the form attribute and posts its alert as `item` ("patientId:kind"), as the bulk checkboxes
 * do: a page of 50 patients carried a form per alert, each with its action's hidden fields
 * (120 forms and 832 inputs in the practice view). A plain form post before hydration and
 * without JavaScript; once hydrated the clicked button shows that it is saving, and a refusal
 * is shown beside it.
 */
export function AcknowledgeOneForm({ children }: { children: React.ReactNode }) {
  const [item, setItem] = useState<string | null>(null);
  const { state, formAction, pending } = useServerForm(acknowledgeAlertAction);
  const shared: Shared = {
    pendingItem: pending ? item : null,
    failed: state && !state.ok && item ? { item, message: state.message } : null,
  };
  return (
    <Context.Provider value={shared}>
      <form
        id={FORM_ID}
        action={formAction}
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter;
          setItem(submitter instanceof HTMLButtonElement ? submitter.value : null);
        }}
      />
      {children}
    </Context.Provider>
  );
}

/** One alert's "Acknowledge"; `about` names the alert and the patient for screen readers. */
export function AcknowledgeAlertButton({ patientId, kind, about }: { patientId: string; kind: string; about: string }) {
  const { pendingItem, failed } = useContext(Context);
  const item = alertItem(patientId, kind);
  return (
    <span className="alert-actions">
      {/* Not SubmitButton: its utility classes, sent once per alert, were a third of the page. */}
      <button type="submit" form={FORM_ID} name="item" value={item} disabled={pendingItem === item} aria-busy={pendingItem === item || undefined} className="btn-row" aria-label={`Acknowledge ${about}`}>
        {pendingItem === item ? 'Saving…' : 'Acknowledge'}
      </button>
      {failed?.item === item && <span role="alert" className="text-sm text-red-700">{failed.message}</span>}
    </span>
  );
}
