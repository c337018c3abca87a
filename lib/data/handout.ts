import 'server-only';
import { formatDosage } from '@/app/_components/ui';
import type { Actor } from '@/lib/access/actor';
import { assertCan } from '@/lib/access/policy';
import { getLibrary } from '@/lib/content/loader';
import { AppError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { appOrigin } from '@/lib/http/request-origin';
import { mailConfigured, sendMail } from '@/lib/mail/transport';
import { handoutPdf } from '@/lib/programs/handout-pdf';
import { getDb } from '@/db/client';
import { audit } from './audit';
import { getCareContact, getPatient } from './patients';
import { getGuideSettings } from './practice-settings';
import { getActiveProgram } from './programs';

/**
 * "Send to patient": email the active program as a PDF (the printed handout's content) to the
 * patient's address. Sent while the physio waits, like an invitation, and the answer says what
 * happened: emailed, or not (no mail server set up: print it instead). Audited.
 */
export async function sendProgramToPatient(actor: Actor, patientId: string): Promise<{ outcome: 'sent' | 'not-configured'; to: string }> {
  assertCan(actor, 'program:write');
  const [patient, program] = await Promise.all([getPatient(actor, patientId), getActiveProgram(actor, patientId)]);
  if (!patient.email) throw new AppError('invalid', 'Add the patient’s email address first (Edit details).');
  if (!program || program.items.length === 0) throw new AppError('invalid', 'Build a program first: there is nothing to send yet.');
  if (!mailConfigured()) return { outcome: 'not-configured', to: patient.email };
  const [contact, guide, origin] = await Promise.all([getCareContact(actor, patientId), getGuideSettings(actor), appOrigin()]);
  const articles = getLibrary().articles.filter((a) => program.articleSlugs.includes(a.slug)).map((a) => a.title);
  const pdf = await handoutPdf({
    practiceName: contact.practiceName,
    patientName: `${patient.firstName} ${patient.lastName}`,
    programTitle: program.title,
    startDate: formatDate(program.startDate),
    goals: program.goals ?? null,
    exercises: program.items.map((i) => ({ title: i.exercise.title, dosage: formatDosage(i), steps: i.exercise.steps, feel: i.exercise.feel, cautions: i.exercise.cautions, notes: i.notes ?? null })),
    reading: articles,
    portalUrl: `${origin}/login`,
    emergencyNumber: guide.emergencyNumber,
    severePainScore: guide.severePainScore,
  });
  const outcome = await sendMail({
    to: patient.email,
    subject: `Your exercise program: ${program.title}`,
    text: [
      `Hello ${patient.firstName},`,
      '',
      `${contact.physioName ?? 'Your physio'} at ${contact.practiceName} has sent you your home exercise program, "${program.title}", as a PDF to keep.`,
      `Tick off your exercises and log pain and runs in the Loadline portal: ${origin}/login`,
      '',
      'The PDF ends with the warning signs to look out for and what to do about each.',
    ].join('\n'),
    attachments: [{ filename: `${program.title.replace(/[^A-Za-z0-9 -]/g, '').trim().replace(/\s+/g, '-').toLowerCase() || 'program'}.pdf`, content: pdf, contentType: 'application/pdf' }],
  });
  await audit(getDb(), actor, { action: 'program.send', entity: 'program', entityId: program.id, patientId, meta: { outcome, bytes: pdf.length } });
  return { outcome, to: patient.email };
}
