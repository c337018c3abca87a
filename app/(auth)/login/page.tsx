import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { homePath } from '@/lib/access/policy';
import { getActor } from '@/lib/auth/require-actor';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage() {
  const actor = await getActor();
  if (actor) redirect(homePath(actor));
  return (
    <div className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Loadline</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-600">For physios, practice staff and patients.</p>
      <LoginForm />
    </div>
  );
}
