import type { Metadata } from 'next';
import { EmptyState } from '@/app/_components/app-shell';
import { bandOf } from '@/lib/analytics/measures';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listPatientMeasures, type MeasureOverview } from '@/lib/data/measures';
import { dayMonth } from '@/lib/dates';
import { formatDate } from '@/lib/format';
import { PortalPageHeader } from '../_components/portal-page-header';
import { QuestionnaireLinks } from '../_components/questionnaire-links';

export const metadata: Metadata = { title: 'Questionnaires' };

const fmt = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Which way is better on this questionnaire's scale, in the patient's words. */
const scaleLine = (m: MeasureOverview['measure']) =>
  `Scores run from ${m.range.min} to ${m.range.max}; ${m.direction === 'higher-is-better' ? 'higher is better' : 'lower is better'}.`;

/**
 * The change since the first answers, in the patient's words. The verdict is the one the
 * physio's page shows: measureChange (lib/analytics/measures.ts) against the questionnaire's
 * own threshold of a change that matters.
 */
function changeSentence(m: MeasureOverview): string | null {
  const { first, latest, change, clinicallyImproved, clinicallyWorse } = m.change;
  if (!first || !latest || change === null) return null;
  const moved = `Since your first answers (${formatDate(first.date)}): ${fmt(first.score)} → ${fmt(latest.score)}.`;
  if (clinicallyImproved) return `${moved} That is a change big enough to matter: better.`;
  if (clinicallyWorse) return `${moved} That is a change big enough to matter: worse. Your physio sees it too; talk it through at your next visit.`;
  return `${moved} Not a clear change yet: smaller than the change this questionnaire counts as important.`;
}

/** The activities the patient named (PSFS), with the latest rating and its change since the first. */
function activities(m: MeasureOverview): { id: string; label: string; value: number | null; change: number | null }[] {
  const latest = m.responses.at(-1)?.answers ?? {};
  return Object.entries(latest).flatMap(([id, a]) =>
    a && typeof a === 'object' && a.label ? [{ id, label: a.label, value: a.value ?? null, change: m.change.items[id]?.change ?? null }] : [],
  );
}

/** The patient's questionnaires: what is asked for now, and every answer sent with its score. */
export default async function PortalMeasuresPage() {
  const actor = await requirePageActor('patient:readClinical');
  const measures = await listPatientMeasures(actor, actor.patientId ?? '');
  const due = measures.filter((m) => m.due.due);
  const answered = measures.filter((m) => m.responses.length > 0);

  return (
    <div className="space-y-5">
      <PortalPageHeader back={{ href: '/portal/history', label: 'History' }} title="Questionnaires">
        <p className="text-base text-slate-700">Your physio sees every answer you send, with the same scores as below.</p>
      </PortalPageHeader>

      {measures.length === 0 && (
        <EmptyState title="No questionnaires yet">
          <p>When your physio asks you to fill one in, it shows on your Today page and here.</p>
        </EmptyState>
      )}

      {due.length > 0 && (
        <section aria-labelledby="to-fill-in" className="space-y-2" data-testid="measures-due">
          <h2 id="to-fill-in" className="text-lg font-semibold">To fill in</h2>
          <QuestionnaireLinks measures={due} />
        </section>
      )}

      {answered.length > 0 && (
        <section aria-labelledby="answered" className="space-y-3">
          <h2 id="answered" className="text-lg font-semibold">Answered</h2>
          {answered.map((m) => {
            const change = changeSentence(m);
            return (
              <article key={m.measure.slug} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="measure-answered">
                <h3 className="text-base font-semibold">{m.measure.title}</h3>
                <p className="text-sm text-slate-700">{scaleLine(m.measure)}</p>
                <ul className="mt-2 space-y-1 text-base">
                  {[...m.responses].reverse().map((r) => {
                    const band = r.score === null ? null : bandOf(m.measure, r.score);
                    return (
                      <li key={r.id} className="flex justify-between gap-2 border-b border-slate-100 pb-1 last:border-0">
                        <span>{dayMonth(r.respondedOn)}</span>
                        <span className="font-semibold">
                          {fmt(r.score)}
                          {band && <span className="font-normal text-slate-700"> · {band}</span>}
                        </span>
                      </li>
                    );
                  })}
                </ul>
                {change && <p className="mt-2 text-base text-slate-800" data-testid="measure-answered-change">{change}</p>}
                {activities(m).length > 0 && (
                  <ul className="mt-2 list-disc space-y-1 pl-5 text-base text-slate-800" data-testid="measure-answered-activities">
                    {activities(m).map((a) => (
                      <li key={a.id}>
                        {a.label}: {fmt(a.value)}/10{a.change !== null && ` (${a.change > 0 ? '+' : ''}${fmt(a.change)} since your first answers)`}
                      </li>
                    ))}
                  </ul>
                )}
              </article>
            );
          })}
        </section>
      )}
    </div>
  );
}
