import { DEFAULT_PAIN_MONITORING, ruleInWords, type PainMonitoringLimits } from '@/lib/analytics/pain-monitoring';

/**
 * The pain-monitoring rule as the education article shows it, from the same limits the
 * session verdicts use (the practice's settings, else the defaults).
 */
export function PainMonitoringRule({ limits = DEFAULT_PAIN_MONITORING }: { limits?: PainMonitoringLimits }) {
  const rule = ruleInWords(limits);
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="pain-monitoring-rule">
      <div className="rounded-xl bg-green-50 p-4 ring-1 ring-green-600">
        <p className="flex items-center gap-2 font-semibold text-green-950">
          <span aria-hidden="true" className="inline-block size-3 rounded-full bg-green-600" /> Acceptable: keep going
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-green-950">
          {rule.acceptable.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <div className="rounded-xl bg-amber-50 p-4 ring-1 ring-amber-500">
        <p className="flex items-center gap-2 font-semibold text-amber-950">
          <span aria-hidden="true" className="inline-block size-3 rounded-full bg-amber-500" /> Too much: ease off next time
        </p>
        <p className="mt-1 text-amber-950">Any one of these:</p>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-amber-950">
          {rule.tooMuch.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <p className="sm:col-span-2">{rule.alert}</p>
    </div>
  );
}
