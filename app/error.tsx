'use client';

import Link from 'next/link';

// Anything a page could not load (often the database being briefly unreachable): a plain
// message and a retry, never a stack trace. Nothing the person saved before is affected.
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center gap-4 px-6 py-12" role="alert" data-testid="app-error">
      <h1 className="text-2xl font-semibold text-slate-900">Something went wrong on our side</h1>
      <p className="text-base text-slate-700">
        This page could not be loaded just now. Please try again in a moment. Anything you saved before is safe.
      </p>
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={reset} className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          Try again
        </button>
        <Link href="/" className="inline-flex min-h-11 items-center rounded-lg px-4 font-semibold text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50">
          Go to the start page
        </Link>
      </div>
      {error.digest ? <p className="text-sm text-slate-600">Reference for support: {error.digest}</p> : null}
    </main>
  );
}
