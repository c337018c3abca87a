'use client';

// A failed load (often a weak connection): say so plainly and offer a retry.
export default function PortalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4" role="alert">
      <h1 className="text-2xl font-semibold">Could not load this page</h1>
      <p className="text-base text-slate-700">Check your connection and try again. Anything you saved before is safe.</p>
      <button type="button" onClick={reset} className="min-h-12 rounded-lg bg-brand-700 px-4 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
