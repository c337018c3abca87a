// npm run db:seed — migrate, sync content and create the demo practices (first run only).
import { dbHandle, closeDb } from './client';
import { prepareDatabase } from './prepare';
import { DEMO_PASSWORD, seedDemo } from './seed';

const handle = dbHandle();
await prepareDatabase(handle);
const { created, logins } = await seedDemo(handle.db);
console.log(created ? 'Seeded the demo practices.' : 'Demo practices already exist; left as they are.');
console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD})`);
for (const login of logins) console.log(`  ${login.role.padEnd(28)} ${login.email.padEnd(28)} ${login.name}`);
await closeDb();
