import type { Metadata } from 'next';
import { AccessLinkPage } from '../../_components/access-link-page';

// The token is in the URL: never send it on to another site in a Referer header.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <AccessLinkPage token={token} purpose="reset" />;
}
