'use client';

import { useId } from 'react';
import { useFormStatus } from 'react-dom';

// Small form building blocks: a label, the control, and every error beside it.
export function FieldError({ errors, id }: { errors?: string[] | undefined; id?: string }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700" data-testid="field-error">
      {errors.join(' ')}
    </p>
  );
}

/** The attributes that tie a control to its label, hint and errors. */
type ControlAria = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/** A label, the hint under it, the control (given its id and aria attributes, and whether it is invalid), and its errors. */
function Field({ label, hint, errors, className, children }: { label: string; hint?: string | undefined; errors?: string[] | undefined; className?: string | undefined; children: (aria: ControlAria, invalid: boolean) => React.ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  const describedBy = [invalid ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy }, invalid)}
      <FieldError errors={errors} id={errorId} />
    </div>
  );
}

type TextFieldProps = React.InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[] | undefined;
  hint?: string;
};

export function TextField({ label, name, errors, hint, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(aria, invalid) => (
        <input
          {...aria}
          name={name}
          className={`mt-1 block w-full min-h-11 rounded-lg border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 ${invalid ? 'border-red-500' : 'border-slate-300'}`}
          {...input}
        />
      )}
    </Field>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  className = '',
  variant = 'primary',
  pending: pendingProp,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { pendingLabel?: string; variant?: 'primary' | 'secondary' | 'danger'; pending?: boolean }) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  const styles = {
    primary: 'bg-brand-700 text-white hover:bg-brand-800',
    secondary: 'bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50',
    danger: 'bg-red-700 text-white hover:bg-red-800',
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending || rest.disabled}
      aria-busy={pending || undefined}
      className={`inline-flex min-h-11 items-center justify-center rounded-lg px-4 py-2 text-base font-semibold shadow-sm transition disabled:opacity-60 ${styles} ${className}`}
      {...rest}
    >
      {pending ? (pendingLabel ?? 'Saving…') : children}
    </button>
  );
}

export function FormMessage({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="form-error">
      {state.message}
    </p>
  );
}

type SelectFieldProps = React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  errors?: string[] | undefined;
  options: { value: string; label: string }[];
  placeholder?: string;
};

export function SelectField({ label, name, errors, options, placeholder, className, ...select }: SelectFieldProps) {
  return (
    <Field label={label} errors={errors} className={className}>
      {/* Keyed by its default: React does not apply a new default to a mounted select, and a
          form resets to its defaults after an action (see use-server-form.ts). */}
      {(aria, invalid) => (
        <select
          key={String(select.defaultValue ?? '')}
          {...aria}
          name={name}
          className={`mt-1 block min-h-11 w-full rounded-lg border bg-white px-2 text-base ${invalid ? 'border-red-500' : 'border-slate-300'}`}
          {...select}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

type TextAreaFieldProps = React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; errors?: string[] | undefined; hint?: string };

export function TextAreaField({ label, name, errors, hint, className, ...area }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} errors={errors} className={className}>
      {(aria, invalid) => <textarea {...aria} name={name} className={`mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base ${invalid ? 'border-red-500' : 'border-slate-300'}`} {...area} />}
    </Field>
  );
}

export function CheckboxGroup({ legend, name, options, defaultValues = [], errors }: { legend: string; name: string; options: { value: string; label: string }[]; defaultValues?: string[]; errors?: string[] | undefined }) {
  const id = useId();
  return (
    <fieldset aria-describedby={errors?.length ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-2">
        {options.map((o) => (
          <label key={o.value} className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-3 ring-1 ring-slate-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600">
            <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValues.includes(o.value)} className="size-4" />
            <span className="text-sm">{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError errors={errors} id={`${id}-error`} />
    </fieldset>
  );
}
