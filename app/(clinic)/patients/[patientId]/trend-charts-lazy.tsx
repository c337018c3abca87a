'use client';

import dynamic from 'next/dynamic';

// recharts is by far the largest client library of the app, and its charts cannot be
// laid out on the server (ResponsiveContainer measures the browser). Loading them with
// next/dynamic and ssr: false keeps recharts out of the patient page's first-load
// JavaScript and the charts' data (with their data tables) out of the server render:
// the chart code arrives as its own chunk, needed only on this page.
const loading = () => <div className="h-64 rounded-lg bg-slate-50" aria-hidden="true" />;

export const PainChart = dynamic(() => import('./trend-charts').then((m) => m.PainChart), { loading, ssr: false });
export const LoadChart = dynamic(() => import('./trend-charts').then((m) => m.LoadChart), { loading, ssr: false });
export const DistanceChart = dynamic(() => import('./trend-charts').then((m) => m.DistanceChart), { loading, ssr: false });
export const AdherenceChart = dynamic(() => import('./trend-charts').then((m) => m.AdherenceChart), { loading, ssr: false });
export const PainDuringChart = dynamic(() => import('./trend-charts').then((m) => m.PainDuringChart), { loading, ssr: false });
export const CombinedChart = dynamic(() => import('./trend-charts').then((m) => m.CombinedChart), { loading, ssr: false });
