import { requireActor } from '@/lib/auth/require-actor';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

// The benchmark's floor (npm run bench): what every signed-in request pays and nothing
// else — decode the session cookie and re-read the user (requireActor).
// 204 when signed in, 401 otherwise; it reveals nothing about the account.
export async function GET() {
  try {
    await requireActor();
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof AppError) return new Response(null, { status: 401, headers: { 'Cache-Control': 'no-store' } });
    throw error;
  }
}
