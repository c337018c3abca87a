// Per-file setup: server-only Next APIs are replaced by test doubles. The session is
// whatever signInAs() says, so requireActor()'s real checks run against the database.
import { vi } from 'vitest';
import { currentSession } from './session';

vi.mock('@/lib/auth/session', () => ({ readSession: async () => currentSession() }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn() }));
