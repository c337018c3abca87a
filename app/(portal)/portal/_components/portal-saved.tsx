'use client';

import Link from 'next/link';
import { useEffect, useRef, type MouseEvent } from 'react';
import { anchorWord, type DistanceUnit } from '@/app/_components/portal-format';
import { RedFlagNotice } from '@/app/_components/portal-red-flag-notice';
import { ToleranceVerdictCard } from '@/app/_components/tolerance-verdict';
import type { CareContact } from '@/lib/practice-contact';
import { ACTIVITY_LABELS, PAIN_ANCHORS, RPE_ANCHORS } from '@/lib/validation/vocabulary';
import type { PainSaved, SessionSaved } from './portal-entry-types';

// What the Log tab shows after a save: a clear confirmation, or, offline, that the entry is
// kept on this phone and nobody has it yet. "Log another" mounts a fresh form (a new key).

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function Saved({ title, queued, children, again, againHref, testId }: { title: string; queued: boolean; children?: React.ReactNode; again?: (() => void) | undefined; againHref: string; testId: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  const onAgain = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!again) return;
    event.preventDefault();
    again();
  };
  return (
    <div className="space-y-4" data-testid={testId} data-queued={queued || undefined}>
      <div className={`rounded-2xl p-4 ring-1 ${queued ? 'bg-amber-50 ring-amber-500' : 'bg-green-50 ring-green-600'}`}>
        <h2 ref={heading} tabIndex={-1} className={`text-xl font-bold focus:outline-none ${queued ? 'text-amber-950' : 'text-green-900'}`}>
          {queued ? '' : '✓ '}
          {title}
        </h2>
        {queued && (
          <p className="mt-1 text-base text-amber-950" data-testid="saved-on-phone">
            Kept on this phone: you are offline. It will be sent by itself when you are back online; until then your physio cannot see it.
          </p>
        )}
      </div>
      {children}
      <div className="grid grid-cols-2 gap-2">
        <a href={againHref} onClick={onAgain} className="flex min-h-12 items-center justify-center rounded-lg bg-white px-3 font-semibold text-slate-800 ring-1 ring-slate-300">
          Log another
        </a>
        <Link href="/portal/history" className="flex min-h-12 items-center justify-center rounded-lg bg-white px-3 font-semibold text-slate-800 ring-1 ring-slate-300">
          See history
        </Link>
      </div>
    </div>
  );
}

export function PainSavedView({ saved, contact, onAgain }: { saved: PainSaved; contact: CareContact; onAgain?: (() => void) | undefined }) {
  return (
    <Saved title={saved.queued ? `Pain ${saved.score}/10 kept, not sent yet` : `Pain ${saved.score}/10 saved`} queued={saved.queued} testId="pain-saved" again={onAgain} againHref="/portal/log?tab=pain">
      <RedFlagNotice symptoms={saved.redFlags} receipt={saved.safety} contact={contact} queued={saved.queued} />
      <p className="text-base text-slate-700">
        {capitalize(anchorWord(saved.score, PAIN_ANCHORS))}.{' '}
        {saved.queued ? `${contact.physioName ?? 'Your physio'} will see it once it is sent.` : `${contact.physioName ?? 'Your physio'} can see it in your record.`}
      </p>
    </Saved>
  );
}

export function SessionSavedView({ saved, unit, onAgain }: { saved: SessionSaved; unit: DistanceUnit; onAgain?: (() => void) | undefined }) {
  const parts = [`${saved.durationMin} min`, saved.distance ? `${saved.distance} ${unit}` : null, `effort ${saved.rpe}/10 (${anchorWord(saved.rpe, RPE_ANCHORS)})`].filter(Boolean);
  const what = ACTIVITY_LABELS[saved.activity] ?? 'Session';
  return (
    <Saved title={saved.queued ? `${what} kept, not sent yet` : `${what} saved`} queued={saved.queued} testId="session-saved" again={onAgain} againHref="/portal/log?tab=session">
      <p className="text-base text-slate-700">{parts.join(' · ')}</p>
      {saved.monitoring?.tolerance && (
        <ToleranceVerdictCard tolerance={saved.monitoring.tolerance} session={{ painDuring: saved.painDuring }} limits={saved.monitoring.limits} notTolerated={saved.monitoring.notTolerated} />
      )}
      <Link href="/portal/log?tab=pain" className="flex min-h-12 items-center justify-center rounded-lg bg-brand-700 px-4 font-semibold text-white">
        How is your back? Log pain
      </Link>
    </Saved>
  );
}
