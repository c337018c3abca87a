import { getLibrary } from '@/lib/content/loader';

// Exercise drawings from content/ (validated: no scripts or links). Served as images so
// the page CSP stays strict; locked down further by their own CSP.
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const svg = getLibrary().exercises.find((e) => e.slug === slug)?.svg;
  if (!svg) return new Response('Not found', { status: 404 });
  return new Response(svg, {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cache-Control': 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
