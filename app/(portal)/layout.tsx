import { AccountLink } from '@/app/_components/app-shell';
import { NavLinks } from '@/app/_components/nav-links';
import { requirePageActor } from '@/lib/auth/require-actor';
import { isPatient, homePath } from '@/lib/access/policy';
import { redirect } from 'next/navigation';
import { OfflinePortal } from './portal/_components/offline-portal';
import { PortalSignOutButton } from './portal/_components/offline-sign-out';

const portalNav = [
  { href: '/portal', label: 'Today' },
  { href: '/portal/log', label: 'Log' },
  { href: '/portal/history', label: 'History' },
  { href: '/portal/program', label: 'Program' },
  { href: '/portal/learn', label: 'Learn' },
];

// The patient portal, phone first: a slim header and a thumb-reachable bottom bar.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  if (!isPatient(actor)) redirect(homePath(actor));
  return (
    <div className="mx-auto flex min-h-screen max-w-xl flex-col bg-white">
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <span className="text-lg font-bold text-brand-700">Loadline</span>
        <div className="flex items-center gap-2">
          <AccountLink />
          <PortalSignOutButton />
        </div>
      </header>
      <main className="flex-1 px-4 pb-24 pt-4">
        {/* Offline: saved pages, the outbox and its "Waiting to send" line (the service worker is registered here only). */}
        <OfflinePortal patientId={actor.patientId ?? ''} timeZone={actor.timeZone}>
          {children}
        </OfflinePortal>
      </main>
      <nav aria-label="Portal" className="fixed inset-x-0 bottom-0 border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-xl">
          <NavLinks items={portalNav} variant="bottom" />
        </div>
      </nav>
    </div>
  );
}
