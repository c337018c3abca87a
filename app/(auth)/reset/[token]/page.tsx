import type { Metadata } from 'next';
import { AccessLinkPage } from '../../_components/access-link-page';

// The token is in the URL: never send it on to another site in a Referer header. 'same-origin'
// rather than 'no-referrer': the latter also blanks the Origin of the form's own POST, which
// Next.js refuses as a cross-site Server Action (a submit before the page has hydrated).
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'same-origin', robots: { index: false } };
export const dynamic = 'force-dynamic';

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <AccessLinkPage token={token} purpose="reset" />;
}
