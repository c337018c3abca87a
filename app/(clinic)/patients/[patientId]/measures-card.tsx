import type { MeasureOverview } from '@/lib/data/measures';
import { dayMonth } from '@/lib/dates';
import { formatMeasureOccasions } from '@/lib/format';
import { AssignMeasureForm } from './assign-measure-form';
import { MeasureScoreChart } from './measure-score-chart';

const fmt = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The verdict on the change from the first score, by the instrument's own MCID (measureChange). */
function changeText(m: MeasureOverview): { text: string; tone: string } {
  const { change, threshold, clinicallyImproved, clinicallyWorse, first, latest } = m.change;
  if (!first) return { text: 'No answers yet', tone: 'text-slate-600' };
  if (!latest || change === null) return { text: `First score ${fmt(first.score)} (${dayMonth(first.date)})`, tone: 'text-slate-700' };
  const signed = `${change > 0 ? '+' : ''}${fmt(change)}`;
  const mcid = threshold === null ? 'no established threshold' : `important change ${fmt(threshold)}`;
  if (clinicallyImproved) return { text: `Clinically improved: ${fmt(first.score)} → ${fmt(latest.score)} (${signed}; ${mcid})`, tone: 'text-green-800' };
  if (clinicallyWorse) return { text: `Clinically worse: ${fmt(first.score)} → ${fmt(latest.score)} (${signed}; ${mcid})`, tone: 'text-red-800' };
  return { text: `No clinically important change: ${fmt(first.score)} → ${fmt(latest.score)} (${signed}; ${mcid})`, tone: 'text-slate-800' };
}

/**
 * Outcome measures on the patient page: what is scheduled and due, each score over time,
 * the change against the instrument's MCID, and PSFS activities by name.
 */
export function MeasuresCard({ patientId, measures, assignable, canAssign }: { patientId: string; measures: MeasureOverview[]; assignable: { slug: string; title: string }[]; canAssign: boolean }) {
  return (
    <div data-testid="measures">
      {measures.length === 0 && <p className="mt-1 text-sm text-slate-600">No questionnaires yet. Ask for one at intake and again every few weeks to see change that matters to the patient.</p>}
      <ul className="mt-2 space-y-3">
        {measures.map((m) => {
          const verdict = changeText(m);
          const activities = m.responses.at(-1)?.answers ?? {};
          return (
            <li key={m.measure.slug} className="rounded-lg p-2 ring-1 ring-slate-200" data-testid="measure-row">
              <p className="font-medium">
                {m.measure.title} <span className="text-sm font-normal text-slate-600">({m.measure.shortTitle})</span>
              </p>
              {m.schedule && <p className="text-sm text-slate-600">Asked {formatMeasureOccasions(m.schedule, m.schedule.atIntake ? m.schedule.startDate : undefined)}</p>}
              {m.due.due && (
                <p className={`text-sm font-semibold ${m.due.overdue ? 'text-amber-800' : 'text-slate-800'}`} data-testid="measure-due">
                  {m.due.overdue ? 'Overdue' : 'Due'} since {dayMonth(m.due.dueSince!)}{m.draft ? ' · started, not sent' : ''}
                </p>
              )}
              <p className={`text-sm ${verdict.tone}`} data-testid="measure-change">{verdict.text}</p>
              <MeasureScoreChart overview={m} />
              {m.responses.length > 0 && (
                <p className="text-sm text-slate-700">
                  Scores: {m.responses.map((r) => `${dayMonth(r.respondedOn)} ${fmt(r.score)}`).join(' · ')}
                </p>
              )}
              {Object.values(activities).some((a) => a && typeof a === 'object' && a.label) && (
                <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
                  {Object.entries(activities).map(([id, a]) =>
                    a && typeof a === 'object' && a.label ? (
                      <li key={id}>
                        {a.label}: {fmt(a.value ?? null)}/10
                        {m.change.items[id] && ` (${m.change.items[id]!.change > 0 ? '+' : ''}${fmt(m.change.items[id]!.change)} since first)`}
                      </li>
                    ) : null,
                  )}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {canAssign && <AssignMeasureForm patientId={patientId} measures={assignable} />}
    </div>
  );
}
