import { flagsOfTier, RED_FLAG_TIERS, TIER_GUIDE, type RedFlagTier } from '@/lib/validation/symptoms';
import { telHref } from '@/lib/practice-contact';

// The tiered warning-sign guide, most urgent first. Every article's and program's
// `::when-to-get-help` line and the printed handout render this, so the wording comes only
// from lib/validation/symptoms.ts. Server-safe: no hooks, no 'use client'.

const STYLE: Readonly<Record<RedFlagTier, { box: string; heading: string }>> = {
  emergency: { box: 'border-red-600 bg-red-50', heading: 'text-red-900' },
  'same-day': { box: 'border-amber-500 bg-amber-50', heading: 'text-amber-950' },
  review: { box: 'border-slate-400 bg-slate-50', heading: 'text-slate-900' },
};

export function WhenToGetHelp({
  emergencyNumber = null,
  severePainScore,
  compact = false,
}: {
  emergencyNumber?: string | null;
  severePainScore?: number;
  compact?: boolean;
}) {
  return (
    <section
      aria-label="When to get help: warning signs"
      data-testid="when-to-get-help"
      className={compact ? 'space-y-2 text-sm text-slate-900' : 'my-4 space-y-3 text-base text-slate-900'}
    >
      {RED_FLAG_TIERS.map((tier) => {
        const guide = TIER_GUIDE[tier];
        return (
          <div
            key={tier}
            data-tier={tier}
            className={`break-inside-avoid rounded-r-lg border-l-4 ${STYLE[tier].box} ${compact ? 'px-3 py-2' : 'px-4 py-3'}`}
          >
            <h3 className={`font-semibold ${STYLE[tier].heading} ${compact ? 'text-sm' : 'text-lg'}`}>
              {guide.heading}:
            </h3>
            <ul className={`list-disc pl-6 ${compact ? 'mt-1' : 'mt-2 space-y-1'}`}>
              {flagsOfTier(tier, severePainScore).map((flag) => (
                <li key={flag.key}>{flag.label}</li>
              ))}
            </ul>
            <p className={compact ? 'mt-1' : 'mt-2'}>{guide.advice}</p>
            {tier === 'emergency' && emergencyNumber && (
              <p className="mt-1 font-semibold">
                Emergency number:{' '}
                <a href={telHref(emergencyNumber)} className="underline">
                  {emergencyNumber}
                </a>
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
