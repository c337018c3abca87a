import { describe, expect, it } from 'vitest';
import { describeUserAgent, JOB_USER_AGENT, SEED_USER_AGENT } from '@/lib/audit/user-agent';
import { VIEW_AUDIT_WINDOW_MINUTES, viewAuditDue } from '@/lib/audit/view-window';

describe('describeUserAgent', () => {
  const cases: [string | null, string][] = [
    ['Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari on iPhone'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1', 'Chrome on iPhone'],
    ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148', 'A browser on iPad'], // an app's web view,
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox on Windows'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox on Linux'],
    ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36', 'Samsung Internet on Android'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36', 'Headless Chrome on Linux'],
    ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 'Chrome on ChromeOS'],
    ['curl/8.5.0', 'curl'],
    ['Firefox', 'Firefox'],
    ['', 'Unknown browser'],
    [null, 'Unknown browser'],
    ['something odd', 'Unknown browser'],
    // What the app writes itself: the demo seed's events and the escalation job's.
    [SEED_USER_AGENT, 'Demo data (seeded)'],
    [JOB_USER_AGENT, 'Background job'],
    ['a job', 'Unknown browser'],
  ];
  it.each(cases)('%s → %s', (ua, expected) => expect(describeUserAgent(ua)).toBe(expected));
});

describe('viewAuditDue', () => {
  const now = new Date('2026-03-10T10:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
  it('records the first view, not the ones within the window, and again after it', () => {
    expect(VIEW_AUDIT_WINDOW_MINUTES).toBe(10);
    expect(viewAuditDue(null, now)).toBe(true);
    expect(viewAuditDue(minutesAgo(0), now)).toBe(false);
    expect(viewAuditDue(minutesAgo(9.9), now)).toBe(false);
    expect(viewAuditDue(minutesAgo(10), now)).toBe(true);
    expect(viewAuditDue(minutesAgo(3), now, 2)).toBe(true);
  });
  it('a last view in the future (clock skew) never hides a view', () => {
    expect(viewAuditDue(new Date(now.getTime() + 60_000), now)).toBe(true);
  });
});
