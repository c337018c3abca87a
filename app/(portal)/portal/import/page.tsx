import type { Metadata } from 'next';
import Link from 'next/link';
import { RateImportList } from '@/app/_components/rate-import-form';
import { RunImportUpload } from '@/app/_components/run-import-upload';
import { requirePageActor } from '@/lib/auth/require-actor';
import { listUnratedImports } from '@/lib/data/run-imports';
import { importLimits } from '@/lib/import/limits';
import { importedSessionSummary } from '@/lib/import/session-summary';

export const metadata: Metadata = { title: 'Import runs' };

export default async function PortalImportPage() {
  const actor = await requirePageActor('entry:log');
  const unrated = await listUnratedImports(actor, actor.patientId ?? '');
  const limits = importLimits();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Import runs</h1>
        <p className="text-base text-slate-700">
          Add runs from your watch or phone instead of typing them. Only the numbers are kept (date, time, distance, climb, heart rate), not the file.
        </p>
      </div>
      <RateImportList
        runs={unrated.map((s) => ({ id: s.id, summary: importedSessionSummary(s, actor.distanceUnit) }))}
        labelledBy="rate-heading"
        intro={
          <>
            <h2 id="rate-heading" className="text-lg font-semibold">Rate your imported runs</h2>
            <p className="text-sm text-slate-700">Your effort is what turns a run into training load: each one counts once you rate it.</p>
          </>
        }
      />
      <section aria-labelledby="upload-heading" className="space-y-2">
        <h2 id="upload-heading" className="text-lg font-semibold">Upload files</h2>
        <RunImportUpload maxFiles={limits.maxFiles} />
      </section>
      <p className="text-sm text-slate-700">
        <Link href="/portal/history" className="font-semibold text-brand-800 underline">See your history</Link>
      </p>
    </div>
  );
}
