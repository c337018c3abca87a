import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies } from './http/client-address';

// Every environment value the app reads, validated once at start-up (instrumentation.ts,
// the db scripts and the tests). A bad value stops start-up with its name.
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    PGLITE_DIR: z.string().min(1).default('.data/pglite'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -base64 32)').optional(),
    // Unset: links use the address the browser used, else http://localhost:$PORT (lib/http/app-origin.ts).
    APP_URL: z.url('must be an absolute URL such as http://localhost:3000').optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z
      .string()
      .regex(/^(?:[^<>@]+<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address, e.g. clinic@example.org or "Clinic <clinic@example.org>"')
      .default('Loadline <no-reply@loadline.local>'),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    // Connections each process opens to PostgreSQL (db/client.ts); README, deployment notes.
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    // Prepared statements (db/client.ts): "off" for a connection pooler in transaction mode
    // that does not carry them (PgBouncer before 1.21, or without max_prepared_statements).
    DB_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on').transform((v) => v === 'on'),
    // Which proxies' X-Forwarded-For to believe: a hop count ("1") or addresses/CIDR ranges
    // ("10.0.0.0/8,127.0.0.1/32"). Unset: none, the client is the socket address (lib/http/client-address.ts).
    TRUSTED_PROXIES: z
      .string()
      .superRefine((value, ctx) => {
        const parsed = parseTrustedProxies(value);
        if ('error' in parsed) ctx.addIssue({ code: 'custom', message: `must be a hop count like 1 or a CIDR list like 10.0.0.0/8,127.0.0.1/32: ${parsed.error}` });
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === 'production' && !value.AUTH_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'is required when NODE_ENV is production' });
    }
  });

export type Env = z.infer<typeof envSchema> & { AUTH_SECRET: string };

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parse an environment (process.env by default); throws EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): z.infer<typeof envSchema> {
  // Empty strings count as unset, as most .env loaders write them for blank values.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

// Development only: a random secret kept in .data so sessions survive restarts.
function developmentSecret(): string {
  const file = path.join(process.cwd(), '.data', 'dev-auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = parseEnv(process.env);
  cached = { ...parsed, AUTH_SECRET: parsed.AUTH_SECRET ?? developmentSecret() };
  return cached;
}

/** Tests only: forget the cached env() so the next call reads process.env again. */
export function resetEnvForTests(): void {
  cached = undefined;
}
