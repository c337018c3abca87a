// A browser's User-Agent header as a person reads it: "Chrome on Android", "Safari on iPhone".
// Pure and deliberately small: the audit log shows this, with the full string on hover.

const BROWSERS: [RegExp, string][] = [
  // Order matters: many browsers also claim to be Chrome and Safari.
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\b|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\bChrome\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\/|\bMobile\/\w+ Safari\/|\bAppleWebKit\/.*\((?:iPhone|iPad)/, 'Safari'],
  [/\bcurl\//, 'curl'],
  [/\bnode-fetch\b|\bundici\b|\bNode\.js\b/, 'Node.js'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * What the app itself writes as the user agent of an audit event no browser caused: the demo
 * seed and the background jobs (escalations). Stored as these short words, read back as the label.
 */
export const SEED_USER_AGENT = 'seed';
export const JOB_USER_AGENT = 'job';
const INTERNAL_AGENTS: Record<string, string> = { [SEED_USER_AGENT]: 'Demo data (seeded)', [JOB_USER_AGENT]: 'Background job' };

/** "Chrome on Android", "Safari on iPhone", "Firefox" (system unknown); "Unknown browser" when nothing is recognised. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? '').trim();
  if (!ua) return 'Unknown browser';
  const internal = INTERNAL_AGENTS[ua];
  if (internal) return internal;
  const headless = /\bHeadlessChrome\//.test(ua);
  const browser = headless ? 'Headless Chrome' : BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return 'Unknown browser';
}
