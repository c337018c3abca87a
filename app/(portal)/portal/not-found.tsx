import Link from 'next/link';

export default function PortalNotFound() {
  return (
    <div className="space-y-4" data-testid="portal-not-found">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-base text-slate-700">This page is not part of your program. It may have been changed by your physio.</p>
      <Link href="/portal" className="inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-4 font-semibold text-white">
        Back to today
      </Link>
    </div>
  );
}
