'use client';

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { shortDay } from './portal-format';

// The patient's two simple charts. Decorative for assistive technology: the history
// page gives the same figures as text and a table next to them.

export type PainPoint = { date: string; daily: number | null; rolling: number | null };
export type LoadPoint = { weekEnd: string; load: number };

const BRAND = '#0f766e';
const SLATE = '#475569';

export function PortalPainChart({ data }: { data: PainPoint[] }) {
  return (
    <div className="h-52 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -24 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="date" tickFormatter={shortDay} tick={{ fontSize: 12, fill: SLATE }} interval="preserveStartEnd" minTickGap={40} />
          <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} tick={{ fontSize: 12, fill: SLATE }} />
          <Line dataKey="daily" stroke="none" dot={{ r: 3, fill: SLATE, stroke: 'none' }} activeDot={false} isAnimationActive={false} name="Daily pain" />
          <Line dataKey="rolling" stroke={BRAND} strokeWidth={3} dot={false} connectNulls isAnimationActive={false} name="7-day average" />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function PortalLoadChart({ data }: { data: LoadPoint[] }) {
  return (
    <div className="h-44 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="weekEnd" tickFormatter={shortDay} tick={{ fontSize: 12, fill: SLATE }} interval="preserveStartEnd" minTickGap={24} />
          <YAxis tick={{ fontSize: 12, fill: SLATE }} allowDecimals={false} />
          <Bar dataKey="load" fill={BRAND} radius={[4, 4, 0, 0]} isAnimationActive={false} name="Weekly load" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
