'use client';

import { useState } from 'react';
import type { DistanceUnit } from './portal-format';
import { PortalPainForm } from '@/app/(portal)/portal/_components/portal-pain-form';
import { PortalSessionForm } from '@/app/(portal)/portal/_components/portal-session-form';
import type { CareContact } from '@/lib/practice-contact';

// The Log tab's two forms. After a save the form shows its confirmation itself (so a post
// without JavaScript gets it too); "Log another" mounts a fresh form with a new submission key.

export function PortalPainLogger({ initialKey, today, contact }: { initialKey: string; today: string; contact: CareContact }) {
  const [generation, setGeneration] = useState(0);
  // The server's key serves the first form only; each later form makes its own.
  return <PortalPainForm key={generation} mode="log" initialKey={generation === 0 ? initialKey : undefined} today={today} contact={contact} onAgain={() => setGeneration((g) => g + 1)} />;
}

export function PortalSessionLogger({ initialKey, today, unit }: { initialKey: string; today: string; unit: DistanceUnit }) {
  const [generation, setGeneration] = useState(0);
  return <PortalSessionForm key={generation} mode="log" initialKey={generation === 0 ? initialKey : undefined} today={today} unit={unit} onAgain={() => setGeneration((g) => g + 1)} />;
}
