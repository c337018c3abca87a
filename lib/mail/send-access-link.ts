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

export type AlreadyRegisteredMail = { to: string; name: string; practiceName: string; kind: 'staff' | 'patient' };

/**
 * Tell the owner of an address that a practice tried to invite it, when the address already
 * has a Loadline login elsewhere (one login per email). No link, and nothing about the
 * owner's own practice: only the inviting practice's name, which the inviter chose to use.
 * Returns whether the mail server accepted it; false without SMTP or when sending fails.
 */
export async function sendAlreadyRegisteredNotice(mail: AlreadyRegisteredMail): Promise<boolean> {
  const text = [
    `Hello ${mail.name},`,
    '',
    mail.kind === 'patient'
      ? `${mail.practiceName} tried to give this email address a login to its patient portal on Loadline.`
      : `${mail.practiceName} tried to invite this email address to join its team on Loadline.`,
    '',
    'You already have a Loadline account with this address, and one address can hold only one Loadline login,',
    'so no new account was created and nothing about your existing account has changed.',
    '',
    `If you expected this, let ${mail.practiceName} know: they can invite you with a different email address.`,
    'If you did not expect it, you can ignore this email.',
  ].join('\n');
  try {
    return (await sendMail({ to: mail.to, subject: `${mail.practiceName} tried to invite you to Loadline`, text })) === 'sent';
  } catch (error) {
    console.error('[mail] could not send the already-registered notice:', error instanceof Error ? error.message : error);
    return false;
  }
}
