// The offline portal's server-facing rules (issue 19): what the service worker may keep
// (only the patient's own portal pages and the exercise drawings; never staff pages, API
// responses, server actions or RSC fetches), what the outbox route accepts, and its
// cross-site guard.
import { afterEach, describe, expect, it } from 'vitest';
import { isCachedPortalPage, isExerciseDrawing } from '@/lib/offline/cache-rules';
import { OUTBOX_FIELD_SCHEMAS, outboxRequestSchema } from '@/lib/offline/outbox-request';
import { isSameOriginRequest } from '@/lib/http/same-origin';
import { setEnv, snapshotEnv } from '@/tests/helpers/smtp';

const page = (path: string, headers: Record<string, string> = {}) => isCachedPortalPage(new URL(path, 'http://127.0.0.1:3000'), new Headers(headers));

describe('what the service worker keeps', () => {
  it('keeps portal pages, with their query', () => {
    for (const path of ['/portal', '/portal/', '/portal/log?tab=pain', '/portal/history', '/portal/exercises/0b6f4c1e-8a34-4b8e-9a39-3f1c2d4e5f60']) expect(page(path), path).toBe(true);
  });

  it('never keeps staff pages, the account, sign-in, API responses or look-alike paths', () => {
    for (const path of ['/dashboard', '/patients/0b6f4c1e-8a34-4b8e-9a39-3f1c2d4e5f60', '/admin/audit', '/account', '/login', '/api/portal/outbox', '/api/admin/audit.csv', '/portals', '/portal-admin', '/x/portal']) {
      expect(page(path), path).toBe(false);
    }
  });

  it('never keeps Next’s RSC payloads, prefetches or server action posts (they vary with router state)', () => {
    expect(page('/portal?_rsc=abc12')).toBe(false);
    expect(page('/portal', { RSC: '1' })).toBe(false);
    expect(page('/portal/log', { 'Next-Router-Prefetch': '1' })).toBe(false);
    expect(page('/portal/log', { 'Next-Action': '7f00aa' })).toBe(false);
  });

  it('keeps exercise drawings only', () => {
    expect(isExerciseDrawing(new URL('http://x/api/illustrations/cat-camel'))).toBe(true);
    expect(isExerciseDrawing(new URL('http://x/api/illustrations/cat-camel/extra'))).toBe(false);
    expect(isExerciseDrawing(new URL('http://x/api/session-check'))).toBe(false);
  });
});

describe('the outbox request', () => {
  const patientId = '0b6f4c1e-8a34-4b8e-9a39-3f1c2d4e5f60';

  it('drops a patientId inside the fields: the session decides whose record is written', () => {
    const parsed = outboxRequestSchema.parse({ kind: 'pain', patientId, fields: { patientId: 'someone-else', score: '4', idempotencyKey: 'abcdefgh-1' } });
    expect(parsed.fields).toEqual({ score: '4', idempotencyKey: 'abcdefgh-1' });
  });

  it('refuses unknown kinds, a missing patient and oversized fields', () => {
    expect(outboxRequestSchema.safeParse({ kind: 'void', patientId, fields: {} }).success).toBe(false);
    expect(outboxRequestSchema.safeParse({ kind: 'tick', fields: {} }).success).toBe(false);
    expect(outboxRequestSchema.safeParse({ kind: 'pain', patientId, fields: { notes: 'x'.repeat(2001) } }).success).toBe(false);
    expect(outboxRequestSchema.safeParse({ kind: 'pain', patientId, fields: { symptoms: Array(41).fill('a') } }).success).toBe(false);
  });

  it('checks each kind with the server actions’ own schemas', () => {
    expect(OUTBOX_FIELD_SCHEMAS.pain.safeParse({ idempotencyKey: 'abcdefgh-1', score: '11' }).success).toBe(false);
    expect(OUTBOX_FIELD_SCHEMAS.pain.safeParse({ idempotencyKey: 'abcdefgh-1', score: '3', locations: 'lower-back' }).success).toBe(true);
    expect(OUTBOX_FIELD_SCHEMAS.tick.safeParse({ idempotencyKey: 'abcdefgh-1', programItemId: patientId, done: 'true', date: '2026-12-01' }).data?.done).toBe(true);
    expect(OUTBOX_FIELD_SCHEMAS.session.safeParse({ idempotencyKey: 'abcdefgh-1', activity: 'run', date: '2026-12-01', durationMin: '30', rpe: '11' }).success).toBe(false);
  });
});

describe('the cross-site guard', () => {
  const saved = snapshotEnv(['APP_URL']);
  afterEach(() => setEnv(saved));
  const headers = (h: Record<string, string>) => new Headers({ host: '127.0.0.1:3193', 'x-forwarded-for': '127.0.0.1', ...h });

  it('accepts the app’s own origin and APP_URL', () => {
    setEnv({ APP_URL: undefined });
    expect(isSameOriginRequest(headers({ origin: 'http://127.0.0.1:3193', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    setEnv({ APP_URL: 'https://physio.example.org/' });
    expect(isSameOriginRequest(headers({ origin: 'https://physio.example.org' }))).toBe(true);
  });

  it('refuses another site, a missing Origin, and a browser that says the request is cross-site', () => {
    setEnv({ APP_URL: undefined });
    expect(isSameOriginRequest(headers({ origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOriginRequest(headers({}))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'http://127.0.0.1:3193', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOriginRequest(headers({ origin: 'http://127.0.0.1:3194' }))).toBe(false);
  });
});
