import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

describe('environment validation', () => {
  it('accepts an empty development environment with defaults', () => {
    const env = parseEnv({ NODE_ENV: 'development' });
    expect(env.PGLITE_DIR).toBe('.data/pglite');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBeUndefined(); // links then use the browser's address (lib/http/app-origin.ts)
  });

  it('names a malformed DATABASE_URL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://nope' })).toThrow(/DATABASE_URL: must be a postgres/);
  });

  it('requires AUTH_SECRET in production and names it', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET: is required when NODE_ENV is production/);
  });

  it('rejects a short AUTH_SECRET and a bad SMTP_URL, naming both at once', () => {
    try {
      parseEnv({ AUTH_SECRET: 'short', SMTP_URL: 'http://mail' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/AUTH_SECRET: must be at least 32 characters/);
      expect((error as Error).message).toMatch(/SMTP_URL: must be an smtp/);
    }
  });

  it('treats empty strings as unset and coerces numbers', () => {
    const env = parseEnv({ DATABASE_URL: '', DB_STATEMENT_TIMEOUT_MS: '2500' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DB_STATEMENT_TIMEOUT_MS).toBe(2500);
    expect(() => parseEnv({ DB_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(/DB_STATEMENT_TIMEOUT_MS/);
    expect(parseEnv({}).DB_POOL_MAX).toBe(10);
    expect(parseEnv({ DB_POOL_MAX: '4' }).DB_POOL_MAX).toBe(4);
    expect(() => parseEnv({ DB_POOL_MAX: '0' })).toThrow(/DB_POOL_MAX/);
    expect(parseEnv({}).DB_PREPARED_STATEMENTS).toBe(true);
    expect(parseEnv({ DB_PREPARED_STATEMENTS: 'off' }).DB_PREPARED_STATEMENTS).toBe(false);
    expect(() => parseEnv({ DB_PREPARED_STATEMENTS: 'no' })).toThrow(/DB_PREPARED_STATEMENTS/);
  });

  it('accepts MAIL_FROM with or without a display name and names a bad one', () => {
    expect(parseEnv({ MAIL_FROM: 'Riverside Physio <clinic@example.org>' }).MAIL_FROM).toBe('Riverside Physio <clinic@example.org>');
    expect(parseEnv({ MAIL_FROM: 'clinic@example.org' }).MAIL_FROM).toBe('clinic@example.org');
    expect(() => parseEnv({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM: must be an address/);
  });

  it('accepts production with a long secret', () => {
    const env = parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    expect(env.AUTH_SECRET).toHaveLength(40);
  });

  it('accepts TRUSTED_PROXIES as a hop count or a CIDR list and names a bad one', () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toBeUndefined();
    expect(parseEnv({ TRUSTED_PROXIES: '1' }).TRUSTED_PROXIES).toBe('1');
    expect(parseEnv({ TRUSTED_PROXIES: '10.0.0.0/8,127.0.0.1/32' }).TRUSTED_PROXIES).toBe('10.0.0.0/8,127.0.0.1/32');
    expect(() => parseEnv({ TRUSTED_PROXIES: 'true' })).toThrow(/TRUSTED_PROXIES: /);
    expect(() => parseEnv({ TRUSTED_PROXIES: '10.0.0.0/40' })).toThrow(/TRUSTED_PROXIES: /);
  });
});
