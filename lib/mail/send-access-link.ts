import 'server-only';
import { sendMail } from '@/lib/mail/transport';

export type AccessLinkMail = { to: string; name: string; practiceName: string; purpose: 'invite' | 'reset'; url: string; expiresAt: Date };

/**
 * Email a one-time link when SMTP_URL is set. Returns whether it was handed to the mail
 * server; without SMTP (or when sending fails) the caller shows the link to copy instead,
 * and nothing pretends to have sent it.
 */
export async function sendAccessLink(mail: AccessLinkMail): Promise<boolean> {
  const invite = mail.purpose === 'invite';
  const until = mail.expiresAt.toUTCString();
  const text = [
    `Hello ${mail.name},`,
    '',
    invite
      ? `${mail.practiceName} has invited you to Loadline. Open this link to choose your password:`
      : `${mail.practiceName} has issued a link to reset your Loadline password:`,
    '',
    mail.url,
    '',
    `The link works once and expires on ${until}. If you did not expect this email, you can ignore it.`,
  ].join('\n');
  try {
    const outcome = await sendMail({
      to: mail.to,
      subject: invite ? `Your invitation to ${mail.practiceName} on Loadline` : `Reset your Loadline password`,
      text,
    });
    return outcome === 'sent';
  } catch (error) {
    console.error('[mail] could not send the access link:', error instanceof Error ? error.message : error);
    return false;
  }
}
