import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PortalPainLogger, PortalSessionLogger } from '@/app/_components/portal-log';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getCareContact } from '@/lib/data/patients';
import { localDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Log' };

const TABS = [
  { id: 'pain', label: 'Pain' },
  { id: 'session', label: 'Run or session' },
] as const;

export default async function PortalLogPage({ searchParams }: { searchParams: Promise<{ tab?: string | string[] }> }) {
  const actor = await requirePageActor('entry:log');
  const { tab: raw } = await searchParams;
  const tab = raw === 'session' ? 'session' : 'pain';
  const today = localDate(new Date(), actor.timeZone);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Log</h1>
      <nav aria-label="What to log" className="grid grid-cols-2 gap-1 rounded-xl bg-slate-100 p-1">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={`/portal/log?tab=${t.id}`}
            replace
            scroll={false}
            aria-current={tab === t.id ? 'page' : undefined}
            data-testid={`log-tab-${t.id}`}
            className={`flex min-h-11 items-center justify-center rounded-lg text-base font-semibold ${tab === t.id ? 'bg-white text-brand-800 shadow-sm' : 'text-slate-700'}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === 'pain' ? (
        <PortalPainLogger key="pain" initialKey={randomUUID()} today={today} contact={await getCareContact(actor, actor.patientId ?? '')} />
      ) : (
        <PortalSessionLogger key="session" initialKey={randomUUID()} today={today} unit={actor.distanceUnit} />
      )}
      <p className="text-base text-slate-800">
        Runs on a watch or phone?{' '}
        <Link href="/portal/import" className="font-semibold text-brand-800 underline" data-testid="import-link">
          Import them from a file
        </Link>
      </p>
    </div>
  );
}
