import Link from 'next/link';
import type { Illustration as IllustrationKind } from '@/lib/validation/vocabulary';

// Small presentational pieces shared by every area.
export const humanize = (value: string) => {
  const text = value.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export function Badge({ children, tone = 'slate' }: { children: React.ReactNode; tone?: 'slate' | 'brand' | 'amber' | 'red' | 'green' }) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700',
    brand: 'bg-brand-50 text-brand-800',
    amber: 'bg-amber-100 text-amber-900',
    red: 'bg-red-100 text-red-800',
    green: 'bg-green-100 text-green-800',
  };
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function Card({ children, className = '' }: { children: React.ReactNode; className?: string }) {
  return <section className={`rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 ${className}`}>{children}</section>;
}

export function PageHeader({ title, children, back }: { title: React.ReactNode; children?: React.ReactNode; back?: { href: string; label: string } }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div>
        {back && (
          <Link href={back.href} className="text-sm text-brand-700 hover:underline">
            ← {back.label}
          </Link>
        )}
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      </div>
      {children && <div className="flex flex-wrap items-center gap-2">{children}</div>}
    </div>
  );
}

export function ButtonLink({ href, children, variant = 'primary' }: { href: string; children: React.ReactNode; variant?: 'primary' | 'secondary' }) {
  const styles = variant === 'primary' ? 'bg-brand-700 text-white hover:bg-brand-800' : 'bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50';
  return (
    <Link href={href} className={`inline-flex min-h-11 items-center rounded-lg px-4 py-2 text-sm font-semibold shadow-sm ${styles}`}>
      {children}
    </Link>
  );
}

/** "3 × 10 reps, 3×/week" from a dosage. */
export function formatDosage(d: { sets?: number | null; reps?: number | null; holdSeconds?: number | null; minutes?: number | null; sessionsPerWeek: number }): string {
  const parts: string[] = [];
  if (d.minutes) parts.push(`${d.minutes} min`);
  else if (d.sets) {
    if (d.reps && d.holdSeconds) parts.push(`${d.sets} × ${d.reps} reps, hold ${d.holdSeconds} s`);
    else if (d.reps) parts.push(`${d.sets} × ${d.reps} reps`);
    else if (d.holdSeconds) parts.push(`${d.sets} × ${d.holdSeconds} s hold`);
  }
  parts.push(d.sessionsPerWeek >= 7 ? (d.sessionsPerWeek === 7 ? 'daily' : `${d.sessionsPerWeek}×/week`) : `${d.sessionsPerWeek}×/week`);
  return parts.join(', ');
}

export function Illustration({ slug, title, kind, className = '' }: { slug: string; title: string; kind: IllustrationKind; className?: string }) {
  if (kind === 'figure') {
    return (
      // Our own validated SVGs from content/; next/image adds nothing for vector files.
      // eslint-disable-next-line @next/next/no-img-element
      <img src={`/api/illustrations/${slug}`} alt={`${title}: drawing of the movement, first and second position`} className={`w-full rounded-xl bg-slate-50 ring-1 ring-slate-200 ${className}`} width={320} height={160} loading="lazy" />
    );
  }
  return (
    <div className={`flex aspect-[2/1] w-full items-center justify-center rounded-xl bg-slate-50 text-sm text-slate-500 ring-1 ring-dashed ring-slate-300 ${className}`} role="img" aria-label={`${title}: no drawing; follow the steps`}>
      No drawing: follow the steps
    </div>
  );
}
