import { localDate } from '@/lib/dates';
import { formatDate } from '@/lib/format';

// A save refused because the program changed since the editor loaded it (optimistic
// concurrency, lib/data/programs.ts). The message says who saved it and when, so a physio
// with the builder open in two tabs is not told that "someone else" changed it.

export type StaleSave = {
  /** Whether the save that got in first was the same user's (another tab or window). */
  sameUser: boolean;
  /** The name of whoever saved it; null when unknown (an old row without updated_by). */
  savedByName: string | null;
  savedAt: Date;
  /** The version the program is at now, and the one the refused save was based on. */
  currentVersion: number;
  editedVersion: number;
  /** The practice's time zone, for the clock time. */
  timeZone: string;
  now?: Date;
};

/** "14:05" today, "3 Mar 2026 at 14:05" on another day, in the practice's time zone. */
export function savedWhen(savedAt: Date, timeZone: string, now: Date = new Date()): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(savedAt);
  const day = localDate(savedAt, timeZone);
  return day === localDate(now, timeZone) ? time : `${formatDate(day)} at ${time}`;
}

/** Who saved the program in between, for the refused save's message. */
export function staleSaveWho(s: Pick<StaleSave, 'sameUser' | 'savedByName'>): string {
  if (s.sameUser) return 'You';
  return s.savedByName ?? 'Someone else';
}

/** The refused save's message: who saved, when, and that nothing of this page's edits was written. */
export function staleSaveMessage(s: StaleSave): string {
  const when = savedWhen(s.savedAt, s.timeZone, s.now);
  const at = when.includes(' at ') ? `on ${when}` : `at ${when}`;
  const who = s.sameUser ? `You saved this program in another tab or window ${at}` : `${staleSaveWho(s)} saved this program ${at}`;
  return `${who} (now version ${s.currentVersion}; this page started from version ${s.editedVersion}). Your edits here were not saved and are still on this page.`;
}
