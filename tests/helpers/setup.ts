// Per-file setup: server-only Next APIs are replaced by test doubles. The session is
// whatever signInAs() says, so requireActor()'s real checks run against the database.
import { vi } from 'vitest';
import { currentSessionRecorded } from './session';

vi.mock('@/lib/auth/session', () => ({ readSession: () => currentSessionRecorded() }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn() }));
