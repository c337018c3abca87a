import { telHref, type CareContact } from '@/lib/practice-contact';
import { receiptSentence, type SafetyReceipt } from '@/lib/safety/receipt';
import { flagsOfTier, highestTier, redFlagsOf, symptomLabel, TIER_GUIDE, TIER_RANK, type RedFlagTier } from '@/lib/validation/symptoms';

const TONE: Record<RedFlagTier, { box: string; title: string; button: string }> = {
  emergency: { box: 'bg-red-50 ring-red-600', title: 'text-red-900', button: 'bg-red-700' },
  'same-day': { box: 'bg-amber-50 ring-amber-500', title: 'text-amber-950', button: 'bg-amber-800' },
  review: { box: 'bg-slate-50 ring-slate-400', title: 'text-slate-900', button: 'bg-slate-700' },
};

/**
 * The safety message for warning signs, worded from the one vocabulary
 * (lib/validation/symptoms.ts). Shown as soon as a sign is ticked and again after saving,
 * then with what the system really did (the receipt), and on the portal's Today for as long
 * as the warning sign is open (`reported`: when the last report was). The emergency tier
 * always leads with the emergency number.
 */
export function RedFlagNotice({ symptoms, receipt, contact, queued = false, reported }: {
  symptoms: readonly string[];
  receipt?: SafetyReceipt | null;
  contact: CareContact;
  /** Saved on the phone offline: nobody knows yet. */
  queued?: boolean;
  /** An open warning sign shown again later: when its last report came ("today at 14:29"). */
  reported?: string;
}) {
  const flags = redFlagsOf(symptoms);
  const ticked = highestTier(flags);
  const tier = receipt && (ticked === null || TIER_RANK[receipt.reportTier] > TIER_RANK[ticked]) ? receipt.reportTier : ticked;
  if (tier === null) return null;
  const tone = TONE[tier];
  const number = contact.emergencyNumber;
  const call = number ? `call ${number}` : 'call your local emergency number';
  const practiceCall = contact.practicePhone ? (
    <a href={telHref(contact.practicePhone)} className={`flex min-h-12 items-center justify-center rounded-xl px-4 text-lg font-bold text-white ${tone.button}`} data-testid="call-practice">
      Call {contact.practiceName}
    </a>
  ) : null;
  return (
    <section className={`space-y-2 rounded-2xl p-4 ring-2 ${tone.box}`} aria-label="Safety message" data-testid="red-flag-notice" data-tier={tier}>
      {tier === 'emergency' && number && (
        <a href={`tel:${number}`} className="flex min-h-12 items-center justify-center rounded-xl bg-red-700 px-4 text-lg font-bold text-white" data-testid="call-emergency">
          Call {number} now
        </a>
      )}
      <h2 className={`text-lg font-bold ${tone.title}`}>
        {tier === 'emergency' ? 'Get emergency care now' : tier === 'same-day' ? `Please contact ${contact.practiceName} today` : 'Mention this to your physio'}
      </h2>
      {/* Offline: nobody knows yet, said before anything else but the emergency number. */}
      {queued && (
        <p className="rounded-xl bg-white px-3 py-2 font-semibold text-slate-900 ring-2 ring-red-600" data-testid="red-flag-not-sent">
          Your practice has NOT been told yet: you are offline. This report is kept on your phone and will be sent when you are back online.{' '}
          {tier === 'emergency'
            ? `Do not wait for it: ${number ? `call ${number}` : 'call your local emergency number'} now.`
            : contact.practicePhone
              ? <>Do not wait for it: phone {contact.practiceName} on <strong className="whitespace-nowrap">{contact.practicePhone}</strong>.</>
              : `Do not wait for it: phone ${contact.practiceName}.`}
        </p>
      )}
      {queued && tier === 'emergency' && practiceCall}
      {flags.length > 0 && (
        <p className="text-base text-slate-900">
          {reported ? `Warning signs reported (the last report ${reported}): ` : 'You ticked: '}<strong className="font-semibold">{flags.map(symptomLabel).join('; ')}</strong>.
        </p>
      )}
      <p className="text-base text-slate-900" data-testid={tier === 'emergency' ? 'red-flag-urgent' : undefined}>
        {number ? TIER_GUIDE[tier].advice.replace('call the emergency number', `call ${number}`) : TIER_GUIDE[tier].advice}
      </p>
      {tier === 'same-day' && (
        <>
          <p className="text-base text-slate-900">
            {contact.practicePhone ? <>Phone {contact.practiceName} today on <strong className="whitespace-nowrap">{contact.practicePhone}</strong>.</> : `Phone or message ${contact.practiceName} today.`}
          </p>
          {practiceCall}
        </>
      )}
      {tier !== 'emergency' && (
        <p className="text-sm text-slate-800">
          Get emergency care straight away (emergency department, or {call}) if you notice: {flagsOfTier('emergency').map((f) => f.label.toLowerCase()).join('; ')}.
        </p>
      )}
      {receipt && (
        <p className="rounded-xl bg-white px-3 py-2 font-semibold text-slate-900 ring-1 ring-slate-300" data-testid="red-flag-alerted">
          {reported ? '' : 'Saved. '}{receiptSentence(receipt)}{' '}
          {reported && 'Your practice has not marked it as followed up yet. '}
          {tier === 'emergency' ? 'Do not wait for a reply: get emergency care now.' : tier === 'same-day' ? `Please still phone ${contact.practiceName} today.` : ''}
        </p>
      )}
    </section>
  );
}
