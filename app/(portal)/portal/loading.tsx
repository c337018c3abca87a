// Shown at once on a slow connection while a portal page loads.
export default function PortalLoading() {
  return (
    <div className="space-y-3" role="status" aria-label="Loading">
      <div className="h-8 w-2/3 animate-pulse rounded-lg bg-slate-200" />
      <div className="h-14 animate-pulse rounded-xl bg-slate-100" />
      <div className="h-40 animate-pulse rounded-2xl bg-slate-100" />
      <div className="h-40 animate-pulse rounded-2xl bg-slate-100" />
    </div>
  );
}
