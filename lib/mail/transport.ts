import 'server-only';
import nodemailer from 'nodemailer';
// Full file path: nodemailer has no "exports" map, and plain Node ESM does not resolve directory imports.
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { env } from '@/lib/env';

/**
 * One message: always a plain-text body; optionally an HTML alternative, whose images are
 * attachments with a `cid` (referenced as src="cid:…").
 */
export type OutgoingMail = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string>; attachments?: { filename: string; content: Buffer; contentType: string; cid?: string }[] };

// Long enough for a slow relay, short enough that a dead one fails a request instead of hanging it.
const TIMEOUT_MS = 10_000;

/** Whether a mail server is set up (SMTP_URL): without one nothing is emailed. */
export const mailConfigured = () => Boolean(env().SMTP_URL);

/**
 * Hand one message (plain text, optionally with an HTML alternative) to the mail server at SMTP_URL, from MAIL_FROM.
 * Returns 'not-configured' (and sends nothing) when SMTP_URL is unset, 'sent' once the
 * server accepted the message. Throws when the server is unreachable or refuses it:
 * the caller decides whether to retry, fall back or report.
 *
 * A fresh connection per call (no pool), so a mail server that restarted in between just works.
 * Timeouts given as query parameters in SMTP_URL win over the defaults here.
 */
export async function sendMail(mail: OutgoingMail): Promise<'sent' | 'not-configured'> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return 'not-configured';
  // An SMTPTransport built from { url, ...options } keeps the options; createTransport({ url, ... })
  // would drop everything but the URL.
  const transport = nodemailer.createTransport(
    new SMTPTransport({ url: SMTP_URL, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS }),
  );
  try {
    await transport.sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, attachments: mail.attachments });
    return 'sent';
  } finally {
    transport.close();
  }
}
