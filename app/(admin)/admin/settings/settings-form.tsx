'use client';

import { useId } from 'react';
import { FieldError, FormMessage, SelectField, SubmitButton, TextField } from '@/app/_components/form';
import { Card } from '@/app/_components/ui';
import { useServerForm } from '@/app/_components/use-server-form';
import { updatePracticeSettingsAction } from '@/lib/actions/admin/update-practice-settings';
import type { PracticeSettingsView } from '@/lib/data/practice-settings';
import { SAFETY_DEFAULTS } from '@/lib/safety/settings';
import { PRACTICE_SETTING_LABELS as LABELS, SETTING_RANGES } from '@/lib/validation/admin';

const THRESHOLDS: { name: keyof typeof SETTING_RANGES; unit: string; hint: string; def: number }[] = [
  { name: 'painWorseMinPoints', unit: 'points', def: 2, hint: 'Alert when a patient’s 7-day pain is at least this many points (0–10 scale), and at least 30%, above their baseline.' },
  { name: 'acwrSpike', unit: 'ratio', def: 1.5, hint: 'Alert when the acute:chronic workload ratio (EWMA, else last 7 days vs the 28-day average) goes above this. It describes a change in load; it does not predict injury.' },
  { name: 'weeklyDistanceRedPct', unit: '%', def: 30, hint: 'Alert when this week’s running distance is this much higher than last week’s.' },
  { name: 'adherenceLowPct', unit: '%', def: 50, hint: 'Alert when fewer than this share of the prescribed exercises were ticked off in the last 14 days.' },
  { name: 'inactivityDays', unit: 'days', def: 14, hint: 'Alert when an active patient has logged or ticked nothing for this many days.' },
  { name: 'painDuringMax', unit: 'out of 10', def: 5, hint: 'Pain monitoring: a session with pain during it above this is “too much”; two sessions too much in 7 days raise “load not tolerated”.' },
  { name: 'painWeeklyRisePoints', unit: 'points', def: 1, hint: 'Pain monitoring: a session is also “too much” when the week’s average pain is up by at least this much on the week before.' },
];

const SAFETY: { name: keyof typeof SETTING_RANGES & keyof typeof SAFETY_DEFAULTS; unit: string; hint: string }[] = [
  { name: 'severePainScore', unit: 'out of 10', hint: 'A pain score at or above this on two days running is flagged as a warning sign to review at the next contact.' },
  { name: 'escalateEmergencyMinutes', unit: 'minutes', hint: 'How long an emergency warning sign may wait for someone to act on it before the practice leads are told.' },
  { name: 'escalateSameDayWorkingDays', unit: 'working days', hint: 'How many working days (Monday to Friday) a same-day warning sign may wait for someone to act on it before the practice leads are told.' },
];

export function SettingsForm({ initial, timeZones, inferredEmergencyNumber }: { initial: PracticeSettingsView; timeZones: string[]; inferredEmergencyNumber: string | null }) {
  const { state, formAction, errors, keep } = useServerForm(updatePracticeSettingsAction);
  /** A setting's field name, the value to show (what a refused save sent, else the saved one) and its errors. */
  const setting = <K extends Exclude<keyof PracticeSettingsView, 'requireStaffTwoFactor'>>(name: K) => ({ name, defaultValue: keep.text(name, initial[name]), errors: errors[name] });
  return (
    <form action={formAction} noValidate className="max-w-3xl space-y-6" data-testid="settings-form">
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Practice</h2>
        <TextField label="Practice name" {...setting('name')} autoComplete="organization" />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Time zone"
            {...setting('timeZone')}
            options={timeZones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          />
          <SelectField
            label="Distance unit"
            {...setting('distanceUnit')}
            options={[{ value: 'km', label: 'Kilometres (km)' }, { value: 'mi', label: 'Miles (mi)' }]}
          />
        </div>
        <p className="text-sm text-slate-600">The time zone decides which calendar day a log belongs to, for every chart and alert. Patients enter distances in the unit chosen here.</p>
      </Card>

      <Card className="space-y-4">
        <div>
          <h2 className="text-lg font-semibold">Contact for patients</h2>
          <p className="text-sm text-slate-600">Shown in the portal when a patient reports a warning sign, with a button that dials it.</p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Practice phone"
            {...setting('phone')}
            type="tel"
            autoComplete="tel"
            hint="The number patients should call the same day. Leave empty if you have none."
          />
          <TextField
            label="Emergency number"
            {...setting('emergencyNumber')}
            inputMode="numeric"
            placeholder={inferredEmergencyNumber ?? ''}
            hint={
              inferredEmergencyNumber
                ? `Leave empty to use ${inferredEmergencyNumber}, the number for the practice's time zone.`
                : "Leave empty and patients are told to call their local emergency number."
            }
          />
        </div>
      </Card>

      <Card>
        <fieldset className="space-y-4" data-testid="safety-settings">
          <legend className="text-lg font-semibold">Safety</legend>
          <p className="text-sm text-slate-600">How warning signs that patients report are judged, and who is told when nobody acts on one in time.</p>
          <TextField
            label="Safety inbox"
            {...setting('safetyInbox')}
            type="email"
            autoComplete="off"
            hint="A shared email address, such as the clinical team's, that is told about every escalated warning sign. Leave empty for none."
            className="max-w-md"
          />
          <div className="divide-y divide-slate-100">
            {SAFETY.map((t) => (
              <ThresholdField key={t.name} {...setting(t.name)} label={LABELS[t.name]} unit={t.unit} hint={t.hint} def={SAFETY_DEFAULTS[t.name]} />
            ))}
          </div>
        </fieldset>
      </Card>

      <Card className="space-y-4">
        <div>
          <h2 className="text-lg font-semibold">Default alert thresholds</h2>
          <p className="text-sm text-slate-600">When the caseload dashboard flags a patient. Each value must stay within a clinically safe range; saving recalculates every active patient&apos;s alerts.</p>
        </div>
        <div className="divide-y divide-slate-100">
          {THRESHOLDS.map((t) => (
            <ThresholdField key={t.name} {...setting(t.name)} label={LABELS[t.name]} unit={t.unit} hint={t.hint} def={t.def} />
          ))}
        </div>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Sessions</h2>
        <TextField
          label="Sign-out after inactivity (minutes)"
          {...setting('sessionIdleMinutes')}
          type="number"
          inputMode="numeric"
          min={SETTING_RANGES.sessionIdleMinutes.min}
          max={SETTING_RANGES.sessionIdleMinutes.max}
          step={SETTING_RANGES.sessionIdleMinutes.step}
          hint={`How long a signed-in session may sit unused before signing in again is needed. A change applies at once, to sessions already open too. Between ${SETTING_RANGES.sessionIdleMinutes.min} and ${SETTING_RANGES.sessionIdleMinutes.max}; default 60.`}
          className="max-w-sm"
        />
        <div>
          <input type="hidden" name="requireStaffTwoFactor" value="false" />
          <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-slate-800">
            <input type="checkbox" name="requireStaffTwoFactor" value="true" defaultChecked={keep.checked('requireStaffTwoFactor', 'true', initial.requireStaffTwoFactor)} className="h-5 w-5" aria-describedby="require-2fa-hint" />
            {LABELS.requireStaffTwoFactor}
          </label>
          <p id="require-2fa-hint" className="text-sm text-slate-600">
            Physios and admins must sign in with a code from an authenticator app. Anyone not set up yet is taken to set-up before anything else. Patients may turn it on for themselves.
          </p>
          <FieldError errors={errors.requireStaffTwoFactor} />
        </div>
      </Card>

      {state?.ok && (
        <p role="status" className="rounded-lg bg-green-50 px-3 py-2 text-sm text-green-900" data-testid="settings-saved">
          {state.data.changed.length ? `Saved: ${state.data.changed.map((k) => LABELS[k as keyof PracticeSettingsView] ?? k).join(', ')}. The change is recorded in the audit log.` : 'Nothing changed.'}
        </p>
      )}
      <FormMessage state={state} />
      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}

/** One threshold: what it means on the left, the number and its unit on the right, the safe range stated. */
function ThresholdField({ name, label, unit, hint, def, defaultValue, errors }: { name: keyof typeof SETTING_RANGES; label: string; unit: string; hint: string; def: number; defaultValue: string; errors?: string[] | undefined }) {
  const id = useId();
  const r = SETTING_RANGES[name];
  const invalid = Boolean(errors?.length);
  return (
    <div className="grid gap-2 py-3 sm:grid-cols-[1fr_auto] sm:items-start sm:gap-6">
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
        <p id={`${id}-hint`} className="text-sm text-slate-600">{hint} Allowed: {r.min} to {r.max} (default {def}).</p>
        <FieldError errors={errors} id={`${id}-error`} />
      </div>
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="number"
          inputMode="decimal"
          min={r.min}
          max={r.max}
          step={r.step}
          defaultValue={defaultValue}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
          className={`block min-h-11 w-28 rounded-lg border bg-white px-3 text-base ${invalid ? 'border-red-500' : 'border-slate-300'}`}
        />
        <span className="min-w-12 whitespace-nowrap text-sm text-slate-600">{unit}</span>
      </div>
    </div>
  );
}
