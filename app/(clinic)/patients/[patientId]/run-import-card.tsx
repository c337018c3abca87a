import { RateImportList } from '@/app/_components/rate-import-form';
import { RunImportUpload } from '@/app/_components/run-import-upload';
import { Card } from '@/app/_components/ui';
import type { Actor } from '@/lib/access/actor';
import { listUnratedImports } from '@/lib/data/run-imports';
import { importLimits } from '@/lib/import/limits';
import { importedSessionSummary } from '@/lib/import/session-summary';

/** Rating forms shown at once; the next ones appear as these are answered. */
const RATE_FORMS_SHOWN = 5;

/**
 * The physio imports a patient's watch files on their behalf. Each run counts towards load
 * once rated: by the patient in the portal, or here by the physio when the patient tells them.
 */
export async function RunImportCard({ actor, patientId }: { actor: Actor; patientId: string }) {
  const unrated = await listUnratedImports(actor, patientId, 100);
  return (
    <Card>
      <h2 className="text-lg font-semibold">Import runs from files</h2>
      <p className="mt-1 text-sm text-slate-700">
        FIT, GPX or TCX files from the patient’s watch or phone, or their Strava export. Imported runs count towards load once the patient rates how hard each was.
      </p>
      <RateImportList
        runs={unrated.slice(0, RATE_FORMS_SHOWN).map((s) => ({ id: s.id, summary: importedSessionSummary(s, actor.distanceUnit) }))}
        onBehalf
        labelledBy="rate-for-patient-heading"
        className="mt-3"
        intro={
          <>
            <h3 id="rate-for-patient-heading" className="text-base font-semibold">Waiting for an effort rating</h3>
            <p className="text-sm font-medium text-amber-900" data-testid="unrated-count">
              {unrated.length === 100 ? '100 or more' : unrated.length} imported {unrated.length === 1 ? 'session is' : 'sessions are'} waiting for the patient’s effort rating (not counted in load yet).
            </p>
            <p className="text-sm text-slate-700">The patient can rate them in the portal; if they tell you how hard a run was, enter it for them here.</p>
          </>
        }
        footer={unrated.length > RATE_FORMS_SHOWN && <p className="text-sm text-slate-600">Older ones appear here as these are rated.</p>}
      />
      <div className="mt-3">
        <RunImportUpload patientId={patientId} maxFiles={importLimits().maxFiles} />
      </div>
    </Card>
  );
}
