'use client';

import dynamic from 'next/dynamic';

// recharts is the heaviest thing on the portal: load it only on the history page, after
// the entries and the text summary are on screen.
const placeholder = (height: string) =>
  function ChartPlaceholder() {
    return <div className={`${height} w-full animate-pulse rounded-xl bg-slate-100`} aria-hidden="true" />;
  };

export const PortalPainChartLazy = dynamic(() => import('./portal-charts').then((m) => m.PortalPainChart), { ssr: false, loading: placeholder('h-52') });
export const PortalLoadChartLazy = dynamic(() => import('./portal-charts').then((m) => m.PortalLoadChart), { ssr: false, loading: placeholder('h-44') });
