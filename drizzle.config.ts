import { defineConfig } from 'drizzle-kit';

// Only used by `npm run db:generate` to write SQL migrations from db/schema.ts.
// Migrations are applied by db/migrate.ts on both PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  strict: true,
});
