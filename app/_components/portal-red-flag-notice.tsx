import { RED_FLAG_KEYS, symptomLabel, tierOf } from '@/lib/validation/symptoms';
const URGENT_KEYS = { has: (k: string) => tierOf(k) === 'emergency' }; // replaced in the safety notice rewrite
import { telHref, type CareContact } from '@/lib/practice-contact';

/**
 * The safety message for red-flag symptoms (DESIGN.md). Shown as soon as one is ticked,
 * and again after saving with the confirmation that the physio has been alerted.
 * Cauda-equina signs (URGENT_KEYS) send the patient to urgent care, not only to the physio.
 */
export function RedFlagNotice({ symptoms, saved = false, contact }: { symptoms: readonly string[]; saved?: boolean; contact: CareContact }) {
  const flags = symptoms.filter((s) => RED_FLAG_KEYS.has(s));
  if (flags.length === 0) return null;
  const urgent = flags.some((s) => URGENT_KEYS.has(s));
  const physio = contact.physioName ?? 'your physio';
  const number = contact.emergencyNumber;
  const call = number ? `call ${number}` : 'call your local emergency number';
  return (
    <section
      className={`rounded-2xl p-4 ring-2 ${urgent ? 'bg-red-50 ring-red-600' : 'bg-amber-50 ring-amber-500'}`}
      aria-label={urgent ? 'Urgent safety message' : 'Safety message'}
      data-testid="red-flag-notice"
      data-urgent={urgent ? 'true' : 'false'}
    >
      <h2 className={`text-lg font-bold ${urgent ? 'text-red-900' : 'text-amber-950'}`}>
        {urgent ? 'Please get urgent medical care now' : `Please contact ${physio} today`}
      </h2>
      <p className="mt-1 text-base text-slate-900">
        You ticked: <strong className="font-semibold">{flags.map(symptomLabel).join('; ')}</strong>.
      </p>
      {urgent ? (
        <div className="mt-2 space-y-2 text-base text-slate-900">
          <p>
            With back pain, this can be a sign that the nerves at the base of the spine are being squeezed. That is rare, but it
            must be checked straight away.
          </p>
          <p className="font-semibold" data-testid="red-flag-urgent">
            Go to the nearest emergency department now, or {call}. Do not wait for a reply from your physio.
          </p>
          {number && (
            <a href={`tel:${number}`} className="flex min-h-12 items-center justify-center rounded-xl bg-red-700 px-4 text-lg font-bold text-white">
              Call {number}
            </a>
          )}
        </div>
      ) : (
        <div className="mt-2 space-y-2 text-base text-slate-900">
          <p>
            This is not usually an emergency, but it needs a check.{' '}
            {contact.practicePhone ? <>Please phone {contact.practiceName} today on <strong className="whitespace-nowrap">{contact.practicePhone}</strong>.</> : `Please phone or message ${contact.practiceName} today.`}
          </p>
          {contact.practicePhone && (
            <a href={telHref(contact.practicePhone)} className="flex min-h-12 items-center justify-center rounded-xl bg-amber-800 px-4 text-lg font-bold text-white" data-testid="call-practice">
              Call {contact.practiceName}
            </a>
          )}
          <p>
            Get urgent care straight away (emergency department, or {call}) if you notice numbness around your bottom, genitals or
            inner thighs, new trouble controlling your bladder or bowel, or weakness in both legs or weakness that is quickly getting worse.
          </p>
        </div>
      )}
      {saved && (
        <p className="mt-3 rounded-xl bg-white px-3 py-2 font-semibold text-slate-900 ring-1 ring-slate-300" data-testid="red-flag-alerted">
          Saved, and {physio} has been alerted.{' '}
          {urgent ? 'Please do not wait for them: get urgent care now.' : 'Please still contact the practice today.'}
        </p>
      )}
    </section>
  );
}
