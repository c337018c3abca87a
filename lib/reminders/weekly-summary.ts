// The weekly summary's words (issue 19), pure: from the week's adherence (lib/analytics/
// adherence.ts) and pain (weeklyPainRise, lib/analytics/pain-monitoring.ts) to a short,
// encouraging text. Never alarming, and no warning-sign wording: a warning sign is answered
// the moment it is logged, never in a weekly digest.
import type { Adherence } from '@/lib/analytics/adherence';
import type { WeeklyPainRise } from '@/lib/analytics/pain-monitoring';

export type WeeklySummaryInput = { firstName: string; practiceName: string; adherence: Adherence; pain: WeeklyPainRise; portalUrl: string };

const round1 = (n: number) => Math.round(n * 10) / 10;

export function weeklySummaryText(s: WeeklySummaryInput): { subject: string; text: string } {
  const a = s.adherence;
  const done = a.pct === null
    ? 'Your program is new, so there is no weekly figure yet: every exercise you tick counts.'
    : `You did ${round1(a.completed)} of the ${round1(a.prescribed)} exercise sessions planned for the last 7 days (${Math.round(a.pct)}%).`;
  const { thisWeek, lastWeek, rise } = s.pain;
  const pain = thisWeek === null
    ? 'You did not log pain this week; a quick score now and then helps you and your physio see the trend.'
    : rise === null
      ? `Your pain this week averaged ${round1(thisWeek)} out of 10.`
      : rise <= -0.5
        ? `Your pain averaged ${round1(thisWeek)} out of 10, lower than the week before (${round1(lastWeek!)}). Well done.`
        : rise < 0.5
          ? `Your pain averaged ${round1(thisWeek)} out of 10, about the same as the week before.`
          : `Your pain averaged ${round1(thisWeek)} out of 10, a little higher than the week before (${round1(lastWeek!)}). Ups and downs are normal; if it keeps rising, mention it to your physio.`;
  const least = a.perItem.length > 0 ? a.perItem.reduce((m, i) => (i.ratio < m.ratio ? i : m)) : null;
  const focus = least && least.ratio < 1 && least.title
    ? `For next week: try to fit in ${least.title} a little more often.`
    : 'For next week: keep going at the same steady pace.';
  return {
    subject: 'Your week in Loadline',
    text: [`Hello ${s.firstName},`, '', done, pain, focus, '', `See your week in the portal: ${s.portalUrl}`, '', `From ${s.practiceName}, through Loadline.`].join('\n'),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The same summary as HTML, for mail programs that show it: the text's paragraphs, with the
 * week's chart (an attached PNG, `cid:<chartCid>`) after the greeting and its alt text
 * saying what it shows for those who cannot see it.
 */
export function weeklySummaryHtml(text: string, chart: { cid: string; alt: string }, unsubscribeUrl: string): string {
  const [greeting, ...rest] = text.split('\n').filter((line) => line.trim() !== '');
  const para = (line: string) => `<p style="margin:0 0 12px">${escapeHtml(line).replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')}</p>`;
  return [
    '<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#0f172a;max-width:600px">',
    para(greeting ?? ''),
    `<p style="margin:0 0 12px"><img src="cid:${escapeHtml(chart.cid)}" alt="${escapeHtml(chart.alt)}" width="560" height="220" style="max-width:100%;height:auto;border:1px solid #e2e8f0;border-radius:6px"></p>`,
    ...rest.map(para),
    `<p style="margin:16px 0 0;font-size:13px;color:#475569">To stop these emails: <a href="${escapeHtml(unsubscribeUrl)}">unsubscribe</a></p>`,
    '</body></html>',
  ].join('');
}
