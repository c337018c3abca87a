import type { safetyNotifications } from '@/db/schema';

type Notification = Pick<typeof safetyNotifications.$inferSelect, 'patientId' | 'reason' | 'tier' | 'recipientName'> & { practiceName: string; appUrl: string };

/**
 * A safety email says only that a patient reported a warning sign and where to look:
 * no name, symptom or score leaves the practice's database by email. The link needs a
 * signed-in clinician to show anything.
 */
export function safetyEmail(n: Notification): { subject: string; text: string } {
  const link = `${n.appUrl.replace(/\/$/, '')}/patients/${n.patientId}`;
  const urgent = n.tier === 'emergency' ? 'Urgent: ' : '';
  const lines =
    n.reason === 'escalated'
      ? [`A warning sign a patient reported to ${n.practiceName} has had no recorded action by the time the practice set.`, 'Please make sure someone acts on it now.']
      : n.reason === 'no-active-physio'
        ? [`A patient of ${n.practiceName} reported a warning sign, and they have no active treating physio to tell.`, 'Please make sure someone acts on it.']
        : ['A patient of yours reported a warning sign.'];
  return {
    subject: `${urgent}Loadline: a patient reported a warning sign`,
    text: [`Hello ${n.recipientName},`, '', ...lines, '', `Open Loadline to see it: ${link}`, '', `Sent by Loadline for ${n.practiceName}. The details are only in Loadline.`].join('\n'),
  };
}
