import { describe, expect, it } from 'vitest';
import { savedWhen, staleSaveMessage } from '@/lib/programs/stale-save';

const now = new Date('2026-03-10T15:00:00Z');
const base = { savedAt: new Date('2026-03-10T14:05:00Z'), currentVersion: 3, editedVersion: 2, timeZone: 'Europe/London', now };

describe('stale program save message', () => {
  it('the same user: another tab or window, with the time', () => {
    expect(staleSaveMessage({ ...base, sameUser: true, savedByName: 'Jo Lee' })).toBe(
      'You saved this program in another tab or window at 14:05 (now version 3; this page started from version 2). Your edits here were not saved and are still on this page.',
    );
  });

  it('another user: their name, never "someone else"', () => {
    const message = staleSaveMessage({ ...base, sameUser: false, savedByName: 'Jo Lee' });
    expect(message).toMatch(/^Jo Lee saved this program at 14:05 /);
  });

  it('an unknown saver falls back to "Someone else"', () => {
    expect(staleSaveMessage({ ...base, sameUser: false, savedByName: null })).toMatch(/^Someone else saved this program at 14:05/);
  });

  it('the clock is the practice time zone; another day names the day', () => {
    expect(savedWhen(new Date('2026-07-10T13:05:00Z'), 'Europe/London', new Date('2026-07-10T20:00:00Z'))).toBe('14:05');
    expect(savedWhen(new Date('2026-03-08T09:30:00Z'), 'Europe/London', now)).toBe('8 Mar 2026 at 09:30');
    expect(staleSaveMessage({ ...base, savedAt: new Date('2026-03-08T09:30:00Z'), sameUser: true, savedByName: null })).toMatch(/another tab or window on 8 Mar 2026 at 09:30/);
  });
});
