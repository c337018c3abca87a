import Link from 'next/link';

/** The top of a portal page below Today: a thumb-sized link back, the title, and an optional line under it. */
export function PortalPageHeader({ back, title, titleTestId, children }: { back: { href: string; label: string }; title: React.ReactNode; titleTestId?: string; children?: React.ReactNode }) {
  return (
    <div>
      <Link href={back.href} className="inline-flex min-h-11 items-center font-medium text-brand-800">
        ← {back.label}
      </Link>
      <h1 className="text-2xl font-semibold" data-testid={titleTestId}>
        {title}
      </h1>
      {children}
    </div>
  );
}
