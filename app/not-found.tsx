import Link from 'next/link';
import { connection } from 'next/server';

// Rendered per request (not prerendered) so its scripts carry the request's CSP nonce.
export default async function NotFound() {
  await connection();
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center gap-4 px-6 py-12" data-testid="not-found">
      <h1 className="text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="text-base text-slate-700">This page does not exist, or it is not yours to see.</p>
      <div>
        <Link href="/" className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800">
          Go to the start page
        </Link>
      </div>
    </main>
  );
}
