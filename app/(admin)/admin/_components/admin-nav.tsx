'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

// The admin area's own navigation, as data.
const ITEMS = [
  { href: '/admin', label: 'Overview', exact: true },
  { href: '/admin/users', label: 'Accounts' },
  { href: '/admin/settings', label: 'Practice settings' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/export', label: 'Data export' },
] as const;

export function AdminNav() {
  const pathname = usePathname();
  const active = (item: (typeof ITEMS)[number]) => pathname === item.href || (!('exact' in item) && pathname.startsWith(`${item.href}/`));
  return (
    <nav aria-label="Admin" className="no-print mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {ITEMS.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active(item) ? 'page' : undefined}
              className={`inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium ${active(item) ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
