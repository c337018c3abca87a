import { describe, expect, it } from 'vitest';
import { weeklyChartAlt, weeklyChartDays, weeklyChartPng, weeklyChartSvg } from '@/lib/reminders/weekly-chart';
import { weeklySummaryHtml } from '@/lib/reminders/weekly-summary';

// The weekly summary's chart: seven days ending on the given day, the day's mean pain
// (painTrend) or none, and the exercises ticked; the email's HTML escapes what it shows.
describe('weekly summary chart', () => {
  const to = '2026-11-29'; // a Sunday
  const days = weeklyChartDays(
    [{ date: '2026-11-23', score: 4 }, { date: '2026-11-23', score: 5 }, { date: '2026-11-27', score: 2 }, { date: '2026-11-16', score: 9 }],
    [{ date: '2026-11-23', n: 2 }, { date: '2026-11-24' }, { date: '2026-11-24', n: 3 }],
    to,
  );

  it('has the seven days ending on the day, with each day’s highest pain and ticks; a day without a log has none', () => {
    expect(days.map((d) => d.date)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(days.map((d) => d.pain)).toEqual([5, null, null, null, 2, null, null]);
    expect(days.map((d) => d.ticks)).toEqual([2, 4, 0, 0, 0, 0, 0]);
  });

  it('says in words what it shows (alt text) and draws one bar per logged day', () => {
    expect(weeklyChartAlt(days)).toBe(
      'Your week: Mon pain 5/10, 2 exercises; Tue pain not logged, 4 exercises; Wed pain not logged, 0 exercises; Thu pain not logged, 0 exercises; Fri pain 2/10, 0 exercises; Sat pain not logged, 0 exercises; Sun pain not logged, 0 exercises.',
    );
    expect(weeklyChartSvg(days).match(/<rect x=/g)).toHaveLength(2);
  });

  it('renders to a 560 × 220 PNG', () => {
    const png = weeklyChartPng(days);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([560, 220]);
  });

  it('escapes the text it puts in HTML and links the portal', () => {
    const html = weeklySummaryHtml('Hello <Ann>,\n\nSee your week in the portal: https://x.example/portal', { cid: 'c1', alt: 'a "b"' }, 'https://x.example/u?p=1&t=2');
    expect(html).toContain('<p style="margin:0 0 12px">Hello &lt;Ann&gt;,</p>');
    expect(html).toContain('alt="a &quot;b&quot;"');
    expect(html).toContain('<a href="https://x.example/portal">https://x.example/portal</a>');
    expect(html).toContain('href="https://x.example/u?p=1&amp;t=2"');
  });
});
