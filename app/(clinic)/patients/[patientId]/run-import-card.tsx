import { RunImportUpload } from '@/app/_components/run-import-upload';
import { Card } from '@/app/_components/ui';
import type { Actor } from '@/lib/access/actor';
import { listUnratedImports } from '@/lib/data/run-imports';
import { importLimits } from '@/lib/import/limits';

/** The physio imports a patient's watch files on their behalf; the patient still rates each run's effort. */
export async function RunImportCard({ actor, patientId }: { actor: Actor; patientId: string }) {
  const unrated = await listUnratedImports(actor, patientId, 100);
  return (
    <Card>
      <h2 className="text-lg font-semibold">Import runs from files</h2>
      <p className="mt-1 text-sm text-slate-700">
        FIT, GPX or TCX files from the patient’s watch or phone, or their Strava export. Imported runs count towards load once the patient rates how hard each was.
      </p>
      {unrated.length > 0 && (
        <p className="mt-2 text-sm font-medium text-amber-900" data-testid="unrated-count">
          {unrated.length === 100 ? '100 or more' : unrated.length} imported {unrated.length === 1 ? 'session is' : 'sessions are'} waiting for the patient’s effort rating (not counted in load yet).
        </p>
      )}
      <div className="mt-3">
        <RunImportUpload patientId={patientId} maxFiles={importLimits().maxFiles} />
      </div>
    </Card>
  );
}
