import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDosage, Illustration } from '@/app/_components/ui';
import { WhenToGetHelp } from '@/app/_components/when-to-get-help';
import { requirePageActor } from '@/lib/auth/require-actor';
import { getLibrary } from '@/lib/content/loader';
import { getPatient } from '@/lib/data/patients';
import { getActiveProgram } from '@/lib/data/programs';
import QRCode from 'qrcode';
import { appOrigin } from '@/lib/http/request-origin';

/** The portal's address as an SVG QR code (margin 1, dark on white, for print). */
const portalQrSvg = (url: string) => QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
import { patientOr404 } from '../../load';
import { PrintButton } from './print-button';

export const metadata: Metadata = { title: 'Home program' };

/** A clean page to print or save as PDF from the browser: one exercise per block, no navigation. */
export default async function PrintProgramPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePageActor('program:read');
  const patient = await patientOr404(actor, (await params).patientId, getPatient);
  const program = await getActiveProgram(actor, patient.id);
  const articles = getLibrary().articles.filter((a) => program?.articleSlugs.includes(a.slug));
  const loginUrl = `${await appOrigin()}/login`;
  const qrSvg = await portalQrSvg(loginUrl);
  if (!program) {
    return <p>No active program. <Link className="underline" href={`/patients/${patient.id}/program`}>Build one</Link>.</p>;
  }
  return (
    <article className="mx-auto max-w-3xl bg-white p-6 print:p-0" data-testid="printable-program">
      <div className="no-print mb-4 flex justify-between">
        <Link href={`/patients/${patient.id}`} className="text-sm text-brand-700 underline">← Back to patient</Link>
        <PrintButton />
      </div>
      <header className="border-b border-slate-300 pb-3">
        <p className="text-sm text-slate-600">Home exercise program · {actor.name}</p>
        <h1 className="text-2xl font-bold">{patient.firstName} {patient.lastName}</h1>
        <p className="text-lg">{program.title}</p>
        <p className="text-sm text-slate-600">From {program.startDate}{program.endDate ? ` to ${program.endDate}` : ''}</p>
        {program.goals && <p className="mt-2 whitespace-pre-line text-sm"><strong>Goals:</strong> {program.goals}</p>}
      </header>
      <ol className="mt-4 space-y-6">
        {program.items.map((item, i) => (
          <li key={item.id} className="break-inside-avoid border-b border-slate-200 pb-4">
            <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-4">
              <Illustration slug={item.exercise.slug} title={item.exercise.title} kind={item.exercise.illustration} />
              <div>
                <h2 className="text-lg font-semibold">{i + 1}. {item.exercise.title}</h2>
                <p className="font-semibold text-brand-800">{formatDosage(item)}{item.load ? ` · ${item.load}` : ''}</p>
                {item.notes && <p className="text-sm italic">{item.notes}</p>}
              </div>
            </div>
            <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm">
              {item.exercise.steps.map((s, j) => <li key={j}>{s}</li>)}
            </ol>
            <p className="mt-1 text-sm"><strong>You should feel:</strong> {item.exercise.feel}</p>
            <p className="mt-1 text-sm"><strong>Stop if:</strong> {item.exercise.cautions.join(' ')}</p>
          </li>
        ))}
      </ol>
      {articles.length > 0 && (
        <section className="mt-4 text-sm">
          <h2 className="font-semibold">Reading</h2>
          <ul className="list-disc pl-6">{articles.map((a) => <li key={a.slug}>{a.title}</li>)}</ul>
        </section>
      )}
      <footer className="mt-6 space-y-2 rounded-lg bg-slate-100 p-3 text-sm">
        <div className="flex items-center gap-3">
          {/* Our own QR code (the qrcode package's SVG of a URL we build): scan to open the portal. */}
          <div className="size-24 shrink-0 bg-white" role="img" aria-label="QR code: the Loadline portal sign-in page" data-testid="portal-qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <p>Tick off your exercises and log pain and runs in the Loadline portal: scan the code with your phone’s camera, or go to <strong>{loginUrl}</strong>. Ask your physio for an invitation if you have no login yet.</p>
        </div>
        <h2 className="font-semibold">Warning signs: when to get help</h2>
        <WhenToGetHelp compact />
      </footer>
    </article>
  );
}
