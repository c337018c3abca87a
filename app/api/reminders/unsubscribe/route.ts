import { NextResponse, type NextRequest } from 'next/server';
import { unsubscribeFromReminders } from '@/lib/data/reminders';

// The unsubscribe link of every reminder email (no sign-in; the token is an HMAC of the
// patient id). GET shows a confirmation button, so a mail scanner opening the link changes
// nothing; POST (the button, or a mail client's RFC 8058 one-click) unsubscribes, once.

const page = (title: string, body: string, status = 200) =>
  new NextResponse(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1 style="font-size:1.4rem">${title}</h1>${body}</body></html>`,
    { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
  );

const params = (request: NextRequest) => ({ p: request.nextUrl.searchParams.get('p') ?? '', t: request.nextUrl.searchParams.get('t') ?? '' });
// Only our own characters go back into the page (uuid and base64url).
const safe = (v: string) => v.replace(/[^A-Za-z0-9_-]/g, '');

export async function GET(request: NextRequest) {
  const { p, t } = params(request);
  return page(
    'Stop exercise reminders?',
    `<p>You will get no more reminder emails from Loadline. Your physio can still see your exercises and logs, and you can turn reminders back on in the portal's settings.</p>` +
      `<form method="post" action="/api/reminders/unsubscribe?p=${safe(p)}&amp;t=${safe(t)}"><button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">Stop reminders</button></form>`,
  );
}

export async function POST(request: NextRequest) {
  const { p, t } = params(request);
  const outcome = await unsubscribeFromReminders(p, t);
  if (outcome === 'invalid') return page('This link does not work', '<p>The link is not valid. You can change reminders in the portal under Settings.</p>', 400);
  return page(
    outcome === 'already' ? 'Reminders were already stopped' : 'Reminders stopped',
    '<p>You will get no more reminder emails. To turn them back on, sign in to the portal and open Settings.</p>',
  );
}
