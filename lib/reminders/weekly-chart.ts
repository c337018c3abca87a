// The weekly summary's small chart (issue 19): the last seven days, one column a day, a bar
// for the day's pain (painTrend's daily value: the day's highest score, 0–10) and the number of exercises ticked under
// it. Drawn as SVG, then rendered to a PNG for the email: mail programs show an attached
// PNG, while many strip inline SVG. Calm colours only — it is a summary, not a warning.
import { Resvg } from '@resvg/resvg-js';
import { painTrend, type PainReport } from '@/lib/analytics/pain';
import { addDays, type IsoDate } from '@/lib/dates';

export type WeeklyChartDay = { date: IsoDate; pain: number | null; ticks: number };

const W = 560;
const H = 220;
const TOP = 34;
const BAR_AREA = 120; // pain 10 reaches the top of this area
const COL = (W - 40) / 7;
const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });

/** The seven days ending on `to`: each day's pain (highest score) (null when none was logged) and exercises ticked. */
export function weeklyChartDays(pain: readonly PainReport[], ticks: readonly { date: IsoDate; n?: number }[], to: IsoDate): WeeklyChartDay[] {
  const from = addDays(to, -6);
  return painTrend(pain, from, to).map((p) => ({
    date: p.date,
    pain: p.daily,
    ticks: ticks.filter((t) => t.date === p.date).reduce((sum, t) => sum + (t.n ?? 1), 0),
  }));
}

const round1 = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Words for the image's alt text: what the chart shows, day by day. */
export function weeklyChartAlt(days: readonly WeeklyChartDay[]): string {
  return `Your week: ${days
    .map((d) => `${weekday.format(new Date(`${d.date}T12:00:00Z`))} pain ${d.pain === null ? 'not logged' : `${round1(d.pain)}/10`}, ${d.ticks} exercise${d.ticks === 1 ? '' : 's'}`)
    .join('; ')}.`;
}

export function weeklyChartSvg(days: readonly WeeklyChartDay[]): string {
  const base = TOP + BAR_AREA;
  const columns = days
    .map((d, i) => {
      const cx = 20 + COL * i + COL / 2;
      const label = weekday.format(new Date(`${d.date}T12:00:00Z`));
      const bar =
        d.pain === null
          ? `<text x="${cx}" y="${base - 6}" text-anchor="middle" font-size="12" fill="#64748b">–</text>`
          : `<rect x="${cx - 16}" y="${base - (Math.max(d.pain, 0.15) / 10) * BAR_AREA}" width="32" height="${(Math.max(d.pain, 0.15) / 10) * BAR_AREA}" rx="3" fill="#0369a1"/>` +
            `<text x="${cx}" y="${base - (d.pain / 10) * BAR_AREA - 6}" text-anchor="middle" font-size="13" font-weight="bold" fill="#0f172a">${round1(d.pain)}</text>`;
      return `${bar}<text x="${cx}" y="${base + 18}" text-anchor="middle" font-size="13" fill="#334155">${label}</text>` +
        `<text x="${cx}" y="${base + 38}" text-anchor="middle" font-size="13" fill="#047857">${d.ticks > 0 ? `✓ ${d.ticks}` : '·'}</text>`;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif">` +
    `<rect width="${W}" height="${H}" fill="#ffffff"/>` +
    `<text x="20" y="20" font-size="14" fill="#0f172a">Pain each day (0–10, – if not logged) and exercises ticked (✓)</text>` +
    `<line x1="20" x2="${W - 20}" y1="${TOP + BAR_AREA}" y2="${TOP + BAR_AREA}" stroke="#cbd5e1"/>` +
    columns +
    `</svg>`
  );
}

/** The chart as a PNG (for an email attachment shown inline). */
export function weeklyChartPng(days: readonly WeeklyChartDay[]): Buffer {
  return new Resvg(weeklyChartSvg(days), { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
