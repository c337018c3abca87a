import Link from 'next/link';
import type { MeasureOverview } from '@/lib/data/measures';

/** Questionnaires the patient is asked to fill in, one big link each: Start, or Continue a saved draft (Today and the questionnaires page). */
export function QuestionnaireLinks({ measures, className = '' }: { measures: Pick<MeasureOverview, 'measure' | 'draft'>[]; className?: string }) {
  return (
    <ul className={`space-y-2 ${className}`}>
      {measures.map((m) => (
        <li key={m.measure.slug}>
          <Link href={`/portal/measures/${m.measure.slug}`} className="flex min-h-12 items-center justify-between gap-2 rounded-xl bg-brand-50 px-3 font-semibold text-brand-800 ring-1 ring-brand-100">
            <span>{m.measure.title}</span>
            <span className="text-sm font-normal">{m.draft ? 'Continue' : 'Start'} →</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
