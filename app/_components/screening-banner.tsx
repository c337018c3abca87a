import { SCREENING_KEYS, screeningLabel } from '@/lib/validation/screening';

/**
 * The patient's red-flag history (screened at intake) as one readable line, so a new
 * symptom is read with it in mind. Nothing when no item is ticked. `compact`: smaller,
 * for lists and cards.
 */
export function ScreeningBanner({ flags, compact = false }: { flags: string[]; compact?: boolean }) {
  if (!flags.length) return null;
  // The vocabulary's order, each once; a key no longer in the vocabulary still shows.
  const known = SCREENING_KEYS.filter((key) => flags.includes(key));
  const other = [...new Set(flags.filter((key) => !(SCREENING_KEYS as readonly string[]).includes(key)))];
  const labels = [...known, ...other].map(screeningLabel);
  return (
    <p
      data-testid="screening-banner"
      className={
        compact
          ? 'rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-950 ring-1 ring-amber-300'
          : 'mb-4 rounded-xl bg-amber-50 px-4 py-2.5 text-sm text-amber-950 ring-1 ring-amber-400'
      }
    >
      <span aria-hidden="true" className="mr-1">⚠</span>
      <strong className="font-semibold">Red-flag history:</strong> {labels.join(' · ')}
    </p>
  );
}
