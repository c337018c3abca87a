'use client';

import './globals.css';

// The last resort, when even the root layout failed: its own html and body, the same
// plain message as app/error.tsx, and a retry.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center gap-4 px-6 py-12" role="alert" data-testid="app-error">
          <h1 className="text-2xl font-semibold text-slate-900">Something went wrong on our side</h1>
          <p className="text-base text-slate-700">Loadline could not be loaded just now. Please try again in a moment. Anything you saved before is safe.</p>
          <div>
            <button type="button" onClick={reset} className="min-h-11 rounded-lg bg-brand-700 px-4 font-semibold text-white">
              Try again
            </button>
          </div>
          {error.digest ? <p className="text-sm text-slate-600">Reference for support: {error.digest}</p> : null}
        </main>
      </body>
    </html>
  );
}
