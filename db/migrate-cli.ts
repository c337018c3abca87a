// npm run db:migrate — apply migrations and sync content/ into the database.
import { dbHandle, closeDb } from './client';
import { prepareDatabase } from './prepare';
import { env } from '@/lib/env';

const handle = dbHandle();
const target = env().DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${env().PGLITE_DIR}`;
const result = await prepareDatabase(handle);
console.log(`Migrated ${target}; library: ${result.upserted} exercises synced, ${result.retired} retired.`);
await closeDb();
