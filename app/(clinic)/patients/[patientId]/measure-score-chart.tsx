import type { MeasureOverview } from '@/lib/data/measures';
import { daysBetween } from '@/lib/dates';
import { formatChartDay } from '@/lib/format';

// Scores of one questionnaire over time, drawn on the server as SVG (no chart library in the
// page's JavaScript). The shaded band is the instrument's minimal clinically important
// difference either side of the first score, as measureChange reads it: a later score inside
// the band is "no clinically important change", above or below it is improved or worse
// according to the instrument's direction.

const W = 320;
const H = 132;
const PAD = { left: 30, right: 10, top: 10, bottom: 22 };

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function MeasureScoreChart({ overview }: { overview: MeasureOverview }) {
  const { measure, change } = overview;
  const points = overview.responses.flatMap((r) => (r.score === null ? [] : [{ date: r.respondedOn, score: r.score }]));
  if (points.length === 0) return null;
  const { min, max } = measure.range;
  const first = points[0]!;
  const span = Math.max(1, daysBetween(first.date, points.at(-1)!.date));
  const x = (date: string) => (points.length === 1 ? (PAD.left + W - PAD.right) / 2 : PAD.left + (daysBetween(first.date, date) / span) * (W - PAD.left - PAD.right));
  const y = (score: number) => PAD.top + ((max - Math.min(max, Math.max(min, score))) / (max - min)) * (H - PAD.top - PAD.bottom);
  const threshold = change.threshold;
  const band = threshold === null ? null : { top: y(Math.min(max, first.score + threshold)), bottom: y(Math.max(min, first.score - threshold)) };
  const label =
    `${measure.shortTitle} scores: ${points.map((p) => `${formatChartDay(p.date)} ${fmt(p.score)}`).join(', ')}. Range ${min} to ${max}, ${measure.direction === 'higher-is-better' ? 'higher is better' : 'higher is worse'}.` +
    (threshold === null ? '' : ` Shaded: within ${fmt(threshold)} of the first score, no clinically important change.`);

  return (
    <figure className="mt-2" data-testid="measure-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-md" role="img" aria-label={label}>
        {band && <rect x={PAD.left} y={band.top} width={W - PAD.left - PAD.right} height={Math.max(1, band.bottom - band.top)} className="fill-slate-200" data-testid="mcid-band" />}
        {[min, max].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="stroke-slate-300" strokeWidth={1} />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" className="fill-slate-600 text-[10px]">{v}</text>
          </g>
        ))}
        {points.length > 1 && <polyline points={points.map((p) => `${x(p.date)},${y(p.score)}`).join(' ')} fill="none" className="stroke-sky-700" strokeWidth={2} />}
        {points.map((p) => (
          <g key={p.date + p.score}>
            <circle cx={x(p.date)} cy={y(p.score)} r={3.5} className="fill-sky-700" />
            <text x={x(p.date)} y={y(p.score) - 7} textAnchor="middle" className="fill-slate-800 text-[10px] font-semibold">{fmt(p.score)}</text>
          </g>
        ))}
        <text x={PAD.left} y={H - 6} className="fill-slate-600 text-[10px]">{formatChartDay(first.date)}</text>
        {points.length > 1 && <text x={W - PAD.right} y={H - 6} textAnchor="end" className="fill-slate-600 text-[10px]">{formatChartDay(points.at(-1)!.date)}</text>}
      </svg>
      <figcaption className="text-xs text-slate-600">
        {measure.direction === 'higher-is-better' ? 'Higher is better' : 'Lower is better'}
        {threshold !== null && <> · shaded: within {fmt(threshold)} of the first score (no clinically important change)</>}
      </figcaption>
    </figure>
  );
}
