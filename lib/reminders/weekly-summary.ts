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
