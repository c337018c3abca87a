'use client';

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { shortDay } from './portal-format';

// The patient's two simple charts. Decorative for assistive technology: the history
// page gives the same figures as text and a table next to them.

export type PainPoint = { date: string; daily: number | null; rolling: number | null };
export type LoadPoint = { weekEnd: string; load: number };

const BRAND = '#0f766e';
const SLATE = '#475569';

const TICK = { fontSize: 12, fill: SLATE };

/**
 * The frame both charts share: a box of a fixed height across the width, hidden from assistive
 * technology, holding the chart with light horizontal gridlines and its dates as short days along
 * the bottom (the first and last always shown).
 */
function DayChart<T extends object>({ chart: Chart, height, data, dateKey, minTickGap, left, children }: { chart: typeof LineChart | typeof BarChart; height: string; data: T[]; dateKey: string; minTickGap: number; left: number; children: React.ReactNode }) {
  return (
    <div className={`${height} w-full`} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <Chart data={data} margin={{ top: 8, right: 8, bottom: 0, left }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey={dateKey} tickFormatter={shortDay} tick={TICK} interval="preserveStartEnd" minTickGap={minTickGap} />
          {children}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
}

export function PortalPainChart({ data }: { data: PainPoint[] }) {
  return (
    <DayChart chart={LineChart} height="h-52" data={data} dateKey="date" minTickGap={40} left={-24}>
      <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} tick={TICK} />
      <Line dataKey="daily" stroke="none" dot={{ r: 3, fill: SLATE, stroke: 'none' }} activeDot={false} isAnimationActive={false} name="Daily pain" />
      <Line dataKey="rolling" stroke={BRAND} strokeWidth={3} dot={false} connectNulls isAnimationActive={false} name="7-day average" />
    </DayChart>
  );
}

export function PortalLoadChart({ data }: { data: LoadPoint[] }) {
  return (
    <DayChart chart={BarChart} height="h-44" data={data} dateKey="weekEnd" minTickGap={24} left={-16}>
      <YAxis tick={TICK} allowDecimals={false} />
      <Bar dataKey="load" fill={BRAND} radius={[4, 4, 0, 0]} isAnimationActive={false} name="Weekly load" />
    </DayChart>
  );
}
