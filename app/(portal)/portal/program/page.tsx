import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/app/_components/app-shell';
import { longDay } from '@/app/_components/portal-format';
import { formatDosage, Illustration } from '@/app/_components/ui';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { getPatient } from '@/lib/data/patients';
import { getActiveProgram, listProgramHistory } from '@/lib/data/programs';

export const metadata: Metadata = { title: 'My program' };

export default async function PortalProgramPage() {
  const actor = await requirePageActor('program:read');
  const patientId = actor.patientId ?? '';
  const [me, program, history] = await Promise.all([getPatient(actor, patientId), getActiveProgram(actor, patientId), listProgramHistory(actor, patientId)]);
  const earlier = history.filter((h) => h.program.id !== program?.id);

  if (!program) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">My program</h1>
        <EmptyState title="No program yet">{me.treatingPhysioName ?? 'Your physio'} will set one up for you; it will show up here.</EmptyState>
      </div>
    );
  }
  const articles = getLibrary().articles.filter((a) => program.articleSlugs.includes(a.slug));
  const goals = (program.goals ?? '').split('\n').map((g) => g.trim()).filter(Boolean);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm font-medium text-brand-800">My program</p>
        <h1 className="text-2xl font-semibold" data-testid="program-title">
          {program.title}
        </h1>
        <p className="text-base text-slate-700">
          Since {longDay(program.startDate)}
          {program.endDate ? `, until ${longDay(program.endDate)}` : ''}
          {me.treatingPhysioName ? ` · set by ${me.treatingPhysioName}` : ''}
        </p>
      </div>

      {goals.length > 0 && (
        <ProgramSection id="goals" title="Goals" className="rounded-2xl bg-brand-50 p-4">
          <ul className="mt-2 list-disc space-y-1 pl-6 text-base">
            {goals.map((g, i) => (
              <li key={i}>{g}</li>
            ))}
          </ul>
        </ProgramSection>
      )}

      <ProgramSection id="exercises" title={`Exercises (${program.items.length})`} className="space-y-3">
        <ol className="space-y-3">
          {program.items.map((item) => (
            <li key={item.id}>
              <Link href={`/portal/exercises/${item.id}`} className="flex gap-3 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-slate-200" data-testid="program-item">
                <div className="w-20 shrink-0">
                  <Illustration slug={item.exercise.slug} title={item.exercise.title} kind={item.exercise.illustration} />
                </div>
                <div className="min-w-0">
                  <p className="font-semibold text-slate-900">{item.exercise.title}</p>
                  <p className="text-base text-brand-800">{formatDosage(item)}</p>
                  {item.load && <p className="text-sm text-slate-700">Load: {item.load}</p>}
                  {item.notes && <p className="text-sm text-slate-700">{item.notes}</p>}
                </div>
              </Link>
            </li>
          ))}
        </ol>
      </ProgramSection>

      {articles.length > 0 && (
        <ProgramSection id="reading" title="Reading for this program" className="space-y-2">
          <ul className="space-y-2">
            {articles.map((a) => (
              <li key={a.slug}>
                <Link href={`/portal/learn/${a.slug}`} className="flex min-h-11 items-center rounded-xl bg-white px-3 py-2 font-medium text-brand-800 ring-1 ring-slate-200">
                  {a.title}
                </Link>
              </li>
            ))}
          </ul>
        </ProgramSection>
      )}

      {earlier.length > 0 && (
        <ProgramSection id="earlier" title="Earlier programs" className="space-y-2">
          <ul className="space-y-1 text-base text-slate-700">
            {earlier.map(({ program: p }) => (
              <li key={p.id}>
                {p.title}: {longDay(p.startDate)}
                {p.endDate ? ` to ${longDay(p.endDate)}` : ''}
              </li>
            ))}
          </ul>
        </ProgramSection>
      )}
    </div>
  );
}

/** A titled part of the program page, named by its heading for assistive technology. */
function ProgramSection({ id, title, className, children }: { id: string; title: string; className: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
