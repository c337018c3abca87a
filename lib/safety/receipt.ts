import type { RedFlagTier } from '@/lib/validation/symptoms';

/**
 * What the system did with a patient's warning sign, as the patient is told it: the tier
 * of their report, the tier of the open alert it joined, and who was emailed (or not).
 * Read from the notification rows after the send was tried, never assumed.
 */
export type SafetyReceipt = {
  reportTier: RedFlagTier;
  alertTier: RedFlagTier;
  told: { name: string; status: 'pending' | 'sent' | 'failed' | 'not-configured'; sentAt: string | null }[];
};

type NotificationStatus = SafetyReceipt['told'][number]['status'];

/** A recipient as the patient reads it: the practice's shared inbox by what it is, a person by name. */
const toldName = (recipientName: string) => (recipientName === 'Safety inbox' ? 'the practice’s safety inbox' : recipientName);

/**
 * The receipt of an alert as stored (its tier and its notification rows): right after a save
 * with the tier of the report just saved, and for a report the patient is shown again later
 * with the alert's own tier.
 */
export function receiptOfAlert(
  alert: { tier: RedFlagTier; notifications: readonly { recipientName: string; status: NotificationStatus; sentAt: Date | null }[] },
  reportTier: RedFlagTier = alert.tier,
): SafetyReceipt {
  return {
    reportTier,
    alertTier: alert.tier,
    told: alert.notifications.map((n) => ({ name: toldName(n.recipientName), status: n.status, sentAt: n.sentAt?.toISOString() ?? null })),
  };
}

const list = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** One or two plain sentences saying truthfully who knows about the report. */
export function receiptSentence(receipt: SafetyReceipt): string {
  const sent = [...new Set(receipt.told.filter((t) => t.status === 'sent').map((t) => t.name))];
  const waiting = [...new Set(receipt.told.filter((t) => t.status === 'pending' || t.status === 'failed').map((t) => t.name))];
  if (sent.length) return `${list(sent)} ${sent.length === 1 ? 'has' : 'have'} been emailed to look at it.${waiting.length ? ` We are still trying to email ${list(waiting)}.` : ''}`;
  if (waiting.length) return `We could not email ${list(waiting)} yet and will keep trying. Your practice will also see it when they next check Loadline.`;
  if (receipt.alertTier === 'review') return 'It is on your physio’s list to review. Nobody is emailed about it.';
  return 'Nobody has been emailed: your practice will see it when they next check Loadline.';
}
