import Link from 'next/link';
import { StaffShell } from '@/app/_components/app-shell';
import type { Actor } from '@/lib/access/actor';
import { homePath, isPatient } from '@/lib/access/policy';

/**
 * An account page, whoever is signed in: in the staff shell for staff; for a patient, a plain
 * page with the Loadline mark (home) and one link back, since the portal has no staff navigation.
 */
export function AccountShell({ actor, title, back, children }: { actor: Actor; title: string; back: { href: string; label: string }; children: React.ReactNode }) {
  const content = (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{title}</h1>
      {children}
    </div>
  );
  if (!isPatient(actor)) return <StaffShell actor={actor}>{content}</StaffShell>;
  return (
    <div className="mx-auto min-h-screen max-w-xl bg-white">
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <Link href={homePath(actor)} className="text-lg font-bold text-brand-700">Loadline</Link>
        <Link href={back.href} className="min-h-11 content-center text-sm font-medium text-brand-700 underline">{back.label}</Link>
      </header>
      <main className="px-4 py-6">{content}</main>
    </div>
  );
}
