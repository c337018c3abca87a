import { redirect } from 'next/navigation';
import { homePath } from '@/lib/access/policy';
import { getActor } from '@/lib/auth/require-actor';

// The front door: each role lands on its own home.
export default async function Home() {
  const actor = await getActor();
  redirect(actor ? homePath(actor) : '/login');
}
