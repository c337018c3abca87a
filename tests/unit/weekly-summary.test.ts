import { describe, expect, it } from 'vitest';
import { weeklySummaryText } from '@/lib/reminders/weekly-summary';

const base = { firstName: 'Rae', practiceName: 'Riverside', portalUrl: 'https://x.example/portal' };
const adherence = (pct: number | null, perItem: { id: string; title?: string; ratio: number }[] = []) =>
  ({ pct, completed: 5, prescribed: 10, days: 7, perItem: perItem.map((i) => ({ ...i, counted: 0, prescribed: 0 })) }) as unknown as Parameters<typeof weeklySummaryText>[0]['adherence'];

describe('weeklySummaryText', () => {
  it('says what was done, how pain went (lower, about the same, a little higher) and one focus', () => {
    const lower = weeklySummaryText({ ...base, adherence: adherence(50, [{ id: 'a', title: 'Bird dog', ratio: 0.2 }, { id: 'b', title: 'Cat-cow', ratio: 1 }]), pain: { thisWeek: 3, lastWeek: 4, rise: -1 } });
    expect(lower.text).toContain('You did 5 of the 10 exercise sessions planned for the last 7 days (50%).');
    expect(lower.text).toContain('lower than the week before (4). Well done.');
    expect(lower.text).toContain('try to fit in Bird dog a little more often');
    expect(weeklySummaryText({ ...base, adherence: adherence(100), pain: { thisWeek: 3, lastWeek: 3.2, rise: -0.2 } }).text).toContain('about the same as the week before');
    const higher = weeklySummaryText({ ...base, adherence: adherence(null), pain: { thisWeek: 5, lastWeek: 4, rise: 1 } }).text;
    expect(higher).toContain('a little higher than the week before (4). Ups and downs are normal');
    expect(higher).toContain('Your program is new');
    expect(weeklySummaryText({ ...base, adherence: adherence(80), pain: { thisWeek: null, lastWeek: 2, rise: null } }).text).toContain('You did not log pain this week');
  });
});
