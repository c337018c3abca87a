'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type NavItem = { href: string; label: string };

export function NavLinks({ items, variant = 'top' }: { items: NavItem[]; variant?: 'top' | 'bottom' }) {
  const pathname = usePathname();
  const isActive = (href: string) => pathname === href || (href !== '/portal' && pathname.startsWith(`${href}/`));
  if (variant === 'bottom') {
    return (
      <ul className="grid" style={{ gridTemplateColumns: `repeat(${items.length}, minmax(0, 1fr))` }}>
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isActive(item.href) ? 'page' : undefined}
              className={`flex min-h-14 items-center justify-center text-sm font-medium ${isActive(item.href) ? 'text-brand-700' : 'text-slate-600'}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="flex gap-1">
      {items.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={isActive(item.href) ? 'page' : undefined}
            className={`inline-flex min-h-11 items-center whitespace-nowrap rounded-lg px-3 text-sm font-medium ${isActive(item.href) ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`}
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
