'use client';

import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { distanceChangeLevel } from '@/lib/analytics/load';
import { unpackTrends, type PackedTrends } from '@/lib/charts/packed-trends';
import { formatChartDay, formatDate } from '@/lib/format';
import { fromKm } from '@/lib/units';

const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const shortDate = formatChartDay;

// Text in the charts is slate-700 (#334155, 10:1 on white): the legend names its series in that
// colour, not in the series' own fill, which for the light bars was all but invisible.
const TEXT = '#334155';
const legendText = (value: string) => <span style={{ color: TEXT }}>{value}</span>;

/** Reference lines and their labels above bars (300), lines (400) and dots (600): a label under the dots cannot be read. */
const LABEL_Z = 700;

type LabelViewBox = { x?: number; y?: number; width?: number; height?: number };

/**
 * A reference line's label drawn inside the plot, on a white pill above the line at its left
 * (or right) end: clear of the axis ticks, and painted over bars, dots and lines so it stays readable.
 */
function lineLabel(text: string, colour: string, side: 'left' | 'right' = 'left') {
  function ReferenceLabel({ viewBox }: { viewBox?: LabelViewBox }) {
    const { x = 0, y = 0, width = 0 } = viewBox ?? {};
    const w = text.length * 6.4 + 10;
    const left = side === 'left' ? x + 4 : x + width - w - 4;
    return (
      <g>
        <rect x={left} y={y - 18} width={w} height={16} rx={4} fill="#ffffff" fillOpacity={0.92} stroke={colour} strokeWidth={0.75} />
        <text x={left + w / 2} y={y - 6} textAnchor="middle" fontSize={11} fontWeight={600} fill={colour}>{text}</text>
      </g>
    );
  }
  return ReferenceLabel;
}

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-brand-700">Show the numbers as a table</summary>
      <div className="mt-2 max-h-64 overflow-auto">
        <table className="min-w-full text-left">
          <caption className="sr-only">{caption}</caption>
          <thead><tr>{head.map((h) => <th key={h} scope="col" className="px-2 py-1 font-medium text-slate-600">{h}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => <tr key={i} className="border-t border-slate-100">{r.map((c, j) => <td key={j} className="px-2 py-1">{c}</td>)}</tr>)}</tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * The frame every chart on the patient page shares: a described image of a fixed height, a
 * responsive composed chart over weekly or daily points, light horizontal gridlines and the date axis.
 */
function ChartFrame({ className, label, data, right = 16, minTickGap = 16, children }: { className: string; label: string; data: readonly object[]; right?: number; minTickGap?: number; children: React.ReactNode }) {
  return (
    <div className={className} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={minTickGap} />
          {children}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The 0–10 pain axis, with its name along it. */
const painAxis = (name: string) => <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} tick={{ fontSize: 12 }} width={40} label={{ value: name, angle: -90, position: 'insideLeft', fontSize: 12 }} />;

const signedPct = (pct: number | null) => (pct === null ? '—' : `${pct > 0 ? '+' : ''}${Math.round(pct)}%`);

/** Baseline, band and threshold all come from painBaselineComparison (lib/analytics/pain.ts), with the practice's points, as the pain alert uses them. */
export function PainChart({ trends: packed }: { trends: PackedTrends }) {
  const trends = unpackTrends(packed);
  const { baseline, band, threshold, mcid, baselineDate, current } = trends.painChange;
  const data = trends.pain.map((p) => ({ ...p, label: shortDate(p.date), flag: p.redFlag ? p.daily : null }));
  return (
    <figure>
      <ChartFrame className="h-64" label="Daily pain scores with the 7-day mean and the baseline band" data={data} minTickGap={24}>
        {painAxis('Pain (0–10)')}
        {band !== null && <ReferenceArea y1={band.low} y2={band.high} fill="#99f6e4" fillOpacity={0.35} />}
        <Tooltip formatter={(v, name) => [typeof v === 'number' ? `${fmt(v)} / 10` : String(v), name]} />
        <Legend formatter={legendText} />
        <Scatter name="Daily (highest)" dataKey="daily" fill="#64748b" isAnimationActive={false} />
        <Line name="7-day mean" dataKey="rolling" stroke="#0f766e" strokeWidth={2.5} dot={false} connectNulls type="monotone" isAnimationActive={false} />
        <Scatter name="Red-flag symptoms" dataKey="flag" fill="#dc2626" shape="diamond" isAnimationActive={false} />
        {baseline !== null && <ReferenceLine zIndex={LABEL_Z} y={baseline} stroke="#0f766e" strokeDasharray="4 4" label={lineLabel(`baseline ${fmt(baseline)}`, '#115e59')} />}
      </ChartFrame>
      <figcaption className="text-sm text-slate-600">
        {baseline !== null && threshold !== null
          ? `Baseline: mean pain of the 7 days from ${formatDate(baselineDate)}. Shaded band: baseline ± ${fmt(threshold)}, the clinically important change (the larger of the practice's ${mcid.minPoints} points and ${mcid.pct}% of baseline), the same the pain alert uses.`
          : baselineDate === null
            ? 'No baseline yet: it is the date set for the patient, else the start of their current program.'
            : `No pain reported in the baseline week (7 days from ${baselineDate}).`}{' '}
        {current !== null && baseline !== null && `Current 7-day mean ${fmt(current)} vs baseline ${fmt(baseline)}.`}
      </figcaption>
      <DataTable caption="Daily pain" head={['Date', 'Daily', '7-day mean', 'Red flag']} rows={trends.pain.filter((p) => p.daily !== null).map((p) => [formatDate(p.date), p.daily ?? '—', fmt(p.rolling), p.redFlag ? 'yes' : ''])} />
    </figure>
  );
}

export function LoadChart({ trends: packed, method }: { trends: PackedTrends; method: 'ewma' | 'rolling' }) {
  const trends = unpackTrends(packed);
  const data = trends.weekly.map((w) => ({ label: shortDate(w.weekEnd), load: Math.round(w.load), change: w.loadChangePct, ratio: method === 'ewma' ? w.ewmaAcwr : w.acwr }));
  const methodName = method === 'ewma' ? 'EWMA' : 'rolling 7:28';
  return (
    <figure>
      <ChartFrame className="h-64" label={`Weekly session-RPE load with the ${method === 'ewma' ? 'EWMA' : 'rolling'} acute:chronic ratio`} data={data} right={8}>
        <YAxis yAxisId="load" tick={{ fontSize: 12 }} width={60} label={{ value: 'Load (AU)', angle: -90, position: 'insideLeft', fontSize: 12 }} />
        {/* No target band: no range of the ratio is a "sweet spot" (Impellizzeri et al. 2020). */}
        <YAxis yAxisId="ratio" orientation="right" domain={[0, 2.5]} ticks={[0, 0.5, 1, 1.5, 2, 2.5]} tick={{ fontSize: 12 }} width={40} />
        <Tooltip
          formatter={(v, name, item) =>
            name === 'Weekly load' ? [`${v} AU (${item.payload.change === null ? 'no load the week before' : `${signedPct(item.payload.change)} on the week before`})`, name] : [fmt(typeof v === 'number' ? v : null, 2), name]
          }
        />
        <Legend formatter={legendText} />
        <Bar yAxisId="load" name="Weekly load" dataKey="load" fill="#5eead4" isAnimationActive={false} />
        <Line yAxisId="ratio" name={`Acute:chronic ratio (${methodName})`} dataKey="ratio" stroke="#1e293b" strokeWidth={2} connectNulls type="monotone" isAnimationActive={false} />
        {/* Its label sits inside the plot at the left, away from the right axis' ticks ("1.5"). */}
        <ReferenceLine zIndex={LABEL_Z} yAxisId="ratio" y={trends.acwrAlert} stroke="#475569" strokeDasharray="4 4" label={lineLabel(`alert level ${trends.acwrAlert}`, '#334155')} />
      </ChartFrame>
      <figcaption className="text-sm text-slate-600">
        Bars: load per 7-day week (minutes × effort, RPE 0–10, in AU); the tooltip and table give each week&apos;s change on the week before. Line: the acute:chronic ratio ({methodName}), this week&apos;s load against the
        last 4 weeks&apos;. It describes how load changed, not injury risk, and no range of it is a safe zone. It needs 21 days of history and is read from the {trends.loadHistoryDays} days of sessions before each day, the
        same window the alerts use. Dashed line: the practice&apos;s alert level ({trends.acwrAlert}), a prompt to look at the load, not a risk cut-off.
      </figcaption>
      <DataTable
        caption="Weekly load"
        head={['Week ending', 'Load (AU)', 'Change on week before', 'EWMA ratio', 'Rolling ratio']}
        rows={trends.weekly.map((w) => [formatDate(w.weekEnd), Math.round(w.load), signedPct(w.loadChangePct), fmt(w.ewmaAcwr, 2), fmt(w.acwr, 2)])}
      />
    </figure>
  );
}

const DISTANCE_FILL = { red: '#dc2626', amber: '#f59e0b', ok: '#0f766e' } as const;
/** Coloured by distanceChangeLevel with the practice's alert level, as the distance alert judges it. */
const distanceColour = (pct: number | null, redPct: number) => {
  const level = distanceChangeLevel(pct, redPct);
  return level === null ? '#94a3b8' : DISTANCE_FILL[level];
};

export function DistanceChart({ trends: packed, unit }: { trends: PackedTrends; unit: 'km' | 'mi' }) {
  const trends = unpackTrends(packed);
  const factor = fromKm(1, unit);
  const data = trends.weekly.map((w) => ({ label: shortDate(w.weekEnd), distance: Math.round(w.distanceKm * factor * 10) / 10, pct: w.distanceChangePct }));
  return (
    <figure>
      <ChartFrame className="h-56" label="Weekly running distance coloured by week-over-week change" data={data}>
        <YAxis tick={{ fontSize: 12 }} width={40} label={{ value: unit, angle: -90, position: 'insideLeft', fontSize: 12 }} />
        <Tooltip formatter={(v, _n, item) => [`${v} ${unit} (${item.payload.pct === null ? 'no previous week' : `${item.payload.pct > 0 ? '+' : ''}${Math.round(item.payload.pct)}%`})`, 'Running distance']} />
        <Bar dataKey="distance" name="Running distance" isAnimationActive={false}>
          {data.map((d, i) => <Cell key={i} fill={distanceColour(d.pct, trends.distanceRedPct)} />)}
        </Bar>
      </ChartFrame>
      <figcaption className="text-sm text-slate-600">Amber: up more than {Math.min(10, trends.distanceRedPct)}% on the week before; red: more than {trends.distanceRedPct}% (the practice’s alert level).</figcaption>
      <DataTable caption="Weekly running distance" head={['Week ending', `Distance (${unit})`, 'Change']} rows={data.map((d, i) => [formatDate(trends.weekly[i]!.weekEnd), d.distance, d.pct === null ? '—' : `${Math.round(d.pct)}%`])} />
    </figure>
  );
}

export function AdherenceChart({ trends: packed }: { trends: PackedTrends }) {
  const trends = unpackTrends(packed);
  const data = trends.adherence.map((a) => ({ ...a, label: shortDate(a.weekEnd) }));
  return (
    <figure>
      <ChartFrame className="h-56" label="Exercise completions per week against prescribed doses" data={data}>
        <YAxis tick={{ fontSize: 12 }} width={40} />
        <Tooltip />
        <Legend formatter={legendText} />
        <Bar dataKey="prescribed" name="Prescribed" fill="#94a3b8" isAnimationActive={false} />
        <Bar dataKey="completed" name="Completed" fill="#0f766e" isAnimationActive={false} />
      </ChartFrame>
      <figcaption className="text-sm text-slate-600">
        Adherence is worked out per exercise: each one&apos;s ticks count up to its prescribed doses, then the exercises are averaged, so a daily stretch cannot hide a skipped exercise. A week with fewer than 7 program days is too early to say.
      </figcaption>
      <DataTable
        caption="Adherence per week"
        head={['Week ending', 'Completed (capped)', 'Prescribed', 'Adherence']}
        rows={trends.adherence.map((a) => [formatDate(a.weekEnd), a.completed, a.prescribed, a.pct === null ? 'Too early' : `${Math.round(a.pct)}%`])}
      />
    </figure>
  );
}

const VERDICT_FILL = { acceptable: '#16a34a', 'too-much': '#f59e0b', unknown: '#94a3b8' } as const;
const VERDICT_WORD = { acceptable: 'acceptable', 'too-much': 'too much', unknown: 'not known yet' } as const;

export type PainDuringPoint = { id: string; date: string; activity: string; painDuring: number | null; load: number; verdict: keyof typeof VERDICT_FILL; why: string };

/**
 * Pain during each session, one bar per session in date order, coloured by the session's
 * pain-monitoring verdict (lib/analytics/pain-monitoring.ts), with the practice's limit.
 */
export function PainDuringChart({ sessions, limit }: { sessions: PainDuringPoint[]; limit: number }) {
  const charted = sessions.filter((s) => s.painDuring !== null).map((s) => ({ ...s, label: shortDate(s.date) }));
  const unrecorded = sessions.length - charted.length;
  return (
    <figure>
      <ChartFrame className="h-56" label="Pain during each training session, coloured by whether the load was tolerated" data={charted}>
        {painAxis('Pain during')}
        <Tooltip formatter={(v, _name, item) => [`${v}/10 · ${item.payload.activity} · ${item.payload.load} AU · ${VERDICT_WORD[item.payload.verdict as keyof typeof VERDICT_WORD]}`, 'Pain during']} />
        <Bar dataKey="painDuring" name="Pain during" isAnimationActive={false} maxBarSize={18}>
          {charted.map((s) => (
            <Cell key={s.id} fill={VERDICT_FILL[s.verdict]} />
          ))}
        </Bar>
        <ReferenceLine zIndex={LABEL_Z} y={limit} stroke="#b45309" strokeDasharray="4 4" label={lineLabel(`limit ${limit}`, '#92400e', 'right')} />
      </ChartFrame>
      <figcaption className="text-sm text-slate-600">
        <span className="mr-3 inline-flex items-center gap-1"><span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-green-600" /> acceptable</span>
        <span className="mr-3 inline-flex items-center gap-1"><span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-amber-500" /> too much</span>
        <span className="mr-3 inline-flex items-center gap-1"><span aria-hidden="true" className="inline-block size-2.5 rounded-full bg-slate-400" /> not known yet</span>
        Too much: pain during above {limit}/10, worse than usual the next morning, or the week’s pain up on the week before; two in 7 days raise “load not tolerated”.
        {unrecorded > 0 && ` ${unrecorded} session${unrecorded === 1 ? '' : 's'} without pain during recorded ${unrecorded === 1 ? 'is' : 'are'} not drawn.`}
      </figcaption>
      <DataTable caption="Pain during sessions" head={['Date', 'Activity', 'Pain during', 'Load (AU)', 'Verdict']} rows={sessions.map((s) => [formatDate(s.date), s.activity, s.painDuring ?? '—', s.load, `${VERDICT_WORD[s.verdict]}${s.why ? ` (${s.why})` : ''}`])} />
    </figure>
  );
}

/**
 * Pain, load and adherence week by week on one time axis: three stacked panels that share
 * their weeks and tooltip (recharts syncId), so a flare can be read against what was done.
 * Each figure is the one the panels below show in detail (same functions, same weeks).
 */
export function CombinedChart({ trends: packed }: { trends: PackedTrends }) {
  const trends = unpackTrends(packed);
  const painOn = new Map(trends.pain.map((p) => [p.date, p.rolling]));
  const adherenceOn = new Map(trends.adherence.map((a) => [a.weekEnd, a.pct]));
  const data = trends.weekly.map((w) => ({ label: shortDate(w.weekEnd), pain: painOn.get(w.weekEnd) ?? null, load: Math.round(w.load), adherence: adherenceOn.get(w.weekEnd) ?? null }));
  const panel = (key: 'pain' | 'load' | 'adherence', last: boolean) => (
    <div className={last ? 'h-28' : 'h-20'}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} syncId="combined" margin={{ top: 6, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={last ? { fontSize: 12 } : false} height={last ? 24 : 1} minTickGap={16} />
          {key === 'pain' && <YAxis domain={[0, 10]} ticks={[0, 5, 10]} tick={{ fontSize: 11 }} width={44} />}
          {key === 'load' && <YAxis tick={{ fontSize: 11 }} width={44} />}
          {key === 'adherence' && <YAxis domain={[0, 100]} ticks={[0, 50, 100]} tick={{ fontSize: 11 }} width={44} unit="%" />}
          <Tooltip formatter={(v, name) => [v === null || v === undefined ? '—' : key === 'pain' ? `${fmt(Number(v))} / 10` : key === 'load' ? `${v} AU` : `${Math.round(Number(v))}%`, name]} />
          {key === 'pain' && <Line name="Pain, 7-day mean" dataKey="pain" stroke="#0f766e" strokeWidth={2.5} dot={false} connectNulls isAnimationActive={false} />}
          {key === 'load' && <Bar name="Weekly load" dataKey="load" fill="#5eead4" isAnimationActive={false} />}
          {key === 'adherence' && <Line name="Adherence" dataKey="adherence" stroke="#7c3aed" strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
  return (
    <figure>
      <div role="img" aria-label="Weekly pain, training load and exercise adherence on one time axis">
        <p className="text-xs font-medium text-slate-700">Pain (7-day mean, 0–10)</p>
        {panel('pain', false)}
        <p className="text-xs font-medium text-slate-700">Training load (AU a week)</p>
        {panel('load', false)}
        <p className="text-xs font-medium text-slate-700">Exercise adherence (%; none while too early)</p>
        {panel('adherence', true)}
      </div>
      <DataTable caption="Week by week" head={['Week ending', 'Pain (7-day mean)', 'Load (AU)', 'Adherence']} rows={trends.weekly.map((w, i) => [w.weekEnd, fmt(data[i]!.pain), data[i]!.load, data[i]!.adherence === null ? '—' : `${Math.round(data[i]!.adherence!)}%`])} />
    </figure>
  );
}
