'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { anchorWord, type DistanceUnit } from './portal-format';
import { PortalPainForm, type PainSaved } from './portal-pain-form';
import { RedFlagNotice } from './portal-red-flag-notice';
import { ToleranceVerdictCard } from './tolerance-verdict';
import { PortalSessionForm, type SessionSaved } from './portal-session-form';
import { ACTIVITY_LABELS, PAIN_ANCHORS, RPE_ANCHORS } from '@/lib/validation/vocabulary';
import type { CareContact } from '@/lib/practice-contact';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// The Log tab's two forms. After a save the form gives way to a clear confirmation;
// "log another" mounts a fresh form with a new submission key.

function Saved({ title, children, again, testId }: { title: string; children?: React.ReactNode; again: () => void; testId: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <div className="space-y-4" data-testid={testId}>
      <div className="rounded-2xl bg-green-50 p-4 ring-1 ring-green-600">
        <h2 ref={heading} tabIndex={-1} className="text-xl font-bold text-green-900 focus:outline-none">
          ✓ {title}
        </h2>
      </div>
      {children}
      <div className="grid grid-cols-2 gap-2">
        <button type="button" onClick={again} className="min-h-12 rounded-lg bg-white px-3 font-semibold text-slate-800 ring-1 ring-slate-300">
          Log another
        </button>
        <Link href="/portal/history" className="flex min-h-12 items-center justify-center rounded-lg bg-white px-3 font-semibold text-slate-800 ring-1 ring-slate-300">
          See history
        </Link>
      </div>
    </div>
  );
}

export function PortalPainLogger({ initialKey, today, contact }: { initialKey: string; today: string; contact: CareContact }) {
  const [saved, setSaved] = useState<PainSaved | null>(null);
  const [generation, setGeneration] = useState(0);
  if (saved) {
    return (
      <Saved title={`Pain ${saved.score}/10 saved`} testId="pain-saved" again={() => { setSaved(null); setGeneration((g) => g + 1); }}>
        <RedFlagNotice symptoms={saved.redFlags} receipt={saved.safety} contact={contact} />
        <p className="text-base text-slate-700">
          {capitalize(anchorWord(saved.score, PAIN_ANCHORS))}. {contact.physioName ?? 'Your physio'} can see it in your record.
        </p>
      </Saved>
    );
  }
  // The server's key serves the first form only; each later form makes its own.
  return <PortalPainForm key={generation} mode="log" initialKey={generation === 0 ? initialKey : undefined} today={today} contact={contact} onSaved={setSaved} />;
}

export function PortalSessionLogger({ initialKey, today, unit }: { initialKey: string; today: string; unit: DistanceUnit }) {
  const [saved, setSaved] = useState<SessionSaved | null>(null);
  const [generation, setGeneration] = useState(0);
  if (saved) {
    const parts = [`${saved.durationMin} min`, saved.distance ? `${saved.distance} ${unit}` : null, `effort ${saved.rpe}/10 (${anchorWord(saved.rpe, RPE_ANCHORS)})`].filter(Boolean);
    return (
      <Saved title={`${ACTIVITY_LABELS[saved.activity] ?? 'Session'} saved`} testId="session-saved" again={() => { setSaved(null); setGeneration((g) => g + 1); }}>
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
  return <PortalSessionForm key={generation} mode="log" initialKey={generation === 0 ? initialKey : undefined} today={today} unit={unit} onSaved={setSaved} />;
}
