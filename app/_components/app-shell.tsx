import Link from 'next/link';
import type { Actor } from '@/lib/access/actor';
import { can } from '@/lib/access/policy';
import { signOutAction } from '@/lib/actions/auth/sign-out';
import { formatRoles } from '@/lib/format';
import { NavLinks, type NavItem } from './nav-links';

// Staff navigation as data: each area shows only what the actor's roles allow.
function staffNav(actor: Actor): NavItem[] {
  const items: NavItem[] = [];
  if (can(actor, 'alert:read')) items.push({ href: '/dashboard', label: 'Dashboard' });
  if (can(actor, 'patient:list')) items.push({ href: '/patients', label: 'Patients' });
  if (can(actor, 'exercise:write')) items.push({ href: '/library', label: 'Library' });
  if (can(actor, 'user:manage')) items.push({ href: '/admin', label: 'Admin' });
  return items;
}

export function StaffShell({ actor, children }: { actor: Actor; children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="no-print border-b border-slate-200 bg-white">
        {/* On a phone the links get a row of their own under the name and Sign out. */}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 px-4 py-2 sm:flex-nowrap sm:gap-x-6">
          <Link href="/" className="text-lg font-bold text-brand-700">
            Loadline
          </Link>
          <nav aria-label="Main" className="order-last w-full min-w-0 overflow-x-auto sm:order-none sm:w-auto sm:flex-1">
            <NavLinks items={staffNav(actor)} />
          </nav>
          <div className="ml-auto flex shrink-0 items-center gap-3 text-sm">
            <span className="hidden text-slate-600 md:inline" data-testid="signed-in-as">
              {actor.name} <span className="text-slate-500">· {formatRoles(actor.roles)}</span>
            </span>
            <AccountLink />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}

/** The signed-in person's own account page (sign out everywhere, two-factor). */
export function AccountLink() {
  return (
    <Link href="/account" className="inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-medium text-slate-700 hover:underline">
      Account
    </Link>
  );
}

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="min-h-11 rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
        Sign out
      </button>
    </form>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-2xl border border-dashed border-slate-300 bg-white p-8 text-center">
      <h2 className="text-lg font-semibold text-slate-800">{title}</h2>
      {children && <div className="mt-2 text-sm text-slate-600">{children}</div>}
    </div>
  );
}
