import {
  NOT_TOLERATED_ADVICE,
  patientReasonText,
  TOLERANCE_GUIDE,
  type MonitoredSession,
  type PainMonitoringLimits,
  type SessionTolerance,
  type ToleranceVerdict,
} from '@/lib/analytics/pain-monitoring';

const TONE: Record<ToleranceVerdict, { box: string; dot: string }> = {
  acceptable: { box: 'bg-green-50 ring-green-600 text-green-950', dot: 'bg-green-600' },
  'too-much': { box: 'bg-amber-50 ring-amber-500 text-amber-950', dot: 'bg-amber-500' },
  unknown: { box: 'bg-slate-50 ring-slate-300 text-slate-900', dot: 'bg-slate-400' },
};

/** A small traffic-light dot with the verdict's label, for lists and tables. */
export function ToleranceDot({ verdict }: { verdict: ToleranceVerdict }) {
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" data-testid="tolerance-dot" data-verdict={verdict}>
      <span aria-hidden="true" className={`inline-block size-2.5 rounded-full ${TONE[verdict].dot}`} />
      {TOLERANCE_GUIDE[verdict].label}
    </span>
  );
}

/**
 * The pain-monitoring verdict for a patient, from lib/analytics/pain-monitoring.ts: the
 * traffic light, why, and plain advice (keep going, ease off, talk to your physio).
 */
export function ToleranceVerdictCard({ tolerance, session, limits, notTolerated }: { tolerance: SessionTolerance; session: Pick<MonitoredSession, 'painDuring'>; limits: PainMonitoringLimits; notTolerated?: boolean }) {
  const { verdict, reasons } = tolerance;
  return (
    <div className={`rounded-2xl p-4 ring-1 ${TONE[verdict].box}`} data-testid="tolerance-verdict" data-verdict={verdict}>
      <p className="flex items-center gap-2 text-lg font-bold">
        <span aria-hidden="true" className={`inline-block size-3.5 rounded-full ${TONE[verdict].dot}`} />
        {verdict === 'unknown' ? 'How your back handled it: not known yet' : `How your back handled it: ${TOLERANCE_GUIDE[verdict].label.toLowerCase()}`}
      </p>
      {reasons.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-base">
          {reasons.map((r) => (
            <li key={r}>{patientReasonText(r, session, tolerance.weeklyPain, limits)}</li>
          ))}
        </ul>
      )}
      {verdict !== 'unknown' && <p className="mt-2 text-base font-medium">{TOLERANCE_GUIDE[verdict].advice}</p>}
      {notTolerated && <p className="mt-2 text-base font-semibold" data-testid="not-tolerated-advice">{NOT_TOLERATED_ADVICE}</p>}
    </div>
  );
}
