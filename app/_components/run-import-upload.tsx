'use client';

import { useActionState, useState } from 'react';
import { SubmitButton } from './form';

// Upload activity files or a Strava export (lib/import): each file in 4 MB chunks to
// /api/imports, then read on the server with progress streamed back as JSON lines.
// Used in the portal (the patient's own log) and on the clinic's patient page (patientId).

const CHUNK = 4 * 1024 * 1024; // lib/import/upload-store.ts UPLOAD_CHUNK_BYTES
const ACCEPT = '.fit,.gpx,.tcx,.gz,.zip,application/zip,application/gzip';

type Status = 'imported' | 'already-imported' | 'duplicate' | 'refused';
type Outcome = { file: string; status: Status; message: string };
type Report = { upload: string; imported: number; alreadyImported: number; duplicates: number; refused: number; outcomes: Outcome[] };
type State = { reports: Report[]; error: string | null };
type Progress = { file: string; phase: 'uploading' | 'reading' | 'saving'; done: number; total: number } | null;

const STATUS_WORDS: Record<Status, string> = { imported: 'Imported', 'already-imported': 'Already imported', duplicate: 'Possible duplicate', refused: 'Not imported' };
const STATUS_TONE: Record<Status, string> = {
  imported: 'bg-green-50 text-green-900 ring-green-200', 'already-imported': 'bg-slate-50 text-slate-800 ring-slate-200',
  duplicate: 'bg-amber-50 text-amber-900 ring-amber-200', refused: 'bg-red-50 text-red-900 ring-red-200',
};

async function failure(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  return body?.message ?? `The upload failed (${response.status}).`;
}

async function uploadOne(file: File, options: { patientId?: string; duplicates: boolean }, onProgress: (p: Progress) => void): Promise<Report> {
  const upload = crypto.randomUUID();
  for (let offset = 0; offset < file.size || offset === 0; offset += CHUNK) {
    onProgress({ file: file.name, phase: 'uploading', done: offset, total: file.size });
    const chunk = file.slice(offset, offset + CHUNK);
    const response = await fetch(`/api/imports?step=chunk&upload=${upload}&offset=${offset}`, { method: 'POST', body: chunk, headers: { 'Content-Type': 'application/octet-stream' } });
    if (!response.ok) throw new Error(`${file.name}: ${await failure(response)}`);
    if (file.size === 0) break;
  }
  const params = new URLSearchParams({ step: 'finish', upload, name: file.name, duplicates: options.duplicates ? '1' : '0' });
  if (options.patientId) params.set('patientId', options.patientId);
  onProgress({ file: file.name, phase: 'reading', done: 0, total: 0 });
  const response = await fetch(`/api/imports?${params}`, { method: 'POST' });
  if (!response.ok || !response.body) throw new Error(`${file.name}: ${await failure(response)}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as { type: 'progress'; done: number; total: number } | { type: 'saving' } | { type: 'report'; report: Report } | { type: 'error'; message: string };
      if (event.type === 'progress') onProgress({ file: file.name, phase: 'reading', done: event.done, total: event.total });
      else if (event.type === 'saving') onProgress({ file: file.name, phase: 'saving', done: 0, total: 0 });
      else if (event.type === 'report') return event.report;
      else throw new Error(`${file.name}: ${event.message}`);
    }
    if (done) break;
  }
  throw new Error(`${file.name}: the connection closed before the import finished. Upload it again: what was stored is recognised as already imported.`);
}

function ProgressLine({ progress }: { progress: Progress }) {
  if (!progress) return null;
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : null;
  const words =
    progress.phase === 'uploading' ? `Uploading ${progress.file}` : progress.phase === 'saving' ? `Saving ${progress.file}` : progress.total ? `Reading ${progress.file}: ${progress.done} of ${progress.total}` : `Reading ${progress.file}`;
  return (
    <div className="space-y-1" role="status" aria-live="polite" data-testid="import-progress">
      <p className="text-sm text-slate-800">{words}…</p>
      <progress className="h-2 w-full" max={100} value={pct ?? undefined} aria-label={words} />
    </div>
  );
}

export function RunImportUpload({ patientId, maxFiles }: { patientId?: string; maxFiles: number }) {
  const [progress, setProgress] = useState<Progress>(null);
  const [state, formAction] = useActionState(async (_prev: State, form: FormData): Promise<State> => {
    const files = form.getAll('files').filter((f): f is File => f instanceof File && f.name !== '');
    if (files.length === 0) return { reports: [], error: 'Choose one or more files first.' };
    if (files.length > maxFiles) return { reports: [], error: `Choose at most ${maxFiles} files at once (a Strava export ZIP counts as one).` };
    const reports: Report[] = [];
    try {
      for (const file of files) reports.push(await uploadOne(file, { patientId, duplicates: form.get('duplicates') === 'on' }, setProgress));
      return { reports, error: null };
    } catch (error) {
      return { reports, error: error instanceof Error ? error.message : 'The upload failed.' };
    } finally {
      setProgress(null);
    }
  }, { reports: [], error: null });
  const outcomes = state.reports.flatMap((r) => r.outcomes);
  const total = (key: 'imported' | 'alreadyImported' | 'duplicates' | 'refused') => state.reports.reduce((n, r) => n + r[key], 0);
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-3" data-testid="import-form">
        <div>
          <label htmlFor="import-files" className="block text-base font-semibold text-slate-900">Activity files</label>
          <p id="import-files-hint" className="text-sm text-slate-700">.fit, .gpx or .tcx (also .gz), or the ZIP from Strava’s “Download your data”.</p>
          <input id="import-files" name="files" type="file" multiple accept={ACCEPT} aria-describedby="import-files-hint" data-testid="import-files"
            className="mt-2 block w-full min-h-11 rounded-lg border border-slate-300 bg-white p-2 text-base file:mr-3 file:min-h-10 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:font-semibold file:text-brand-800" />
        </div>
        <label className="flex min-h-11 items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="duplicates" className="mt-1 h-5 w-5" />
          <span>Import runs even if they look like ones already logged (typed in or from another file)</span>
        </label>
        <ProgressLine progress={progress} />
        <SubmitButton pendingLabel="Importing…" className="min-h-12 w-full sm:w-auto">Import</SubmitButton>
      </form>
      {state.error && <p className="rounded-lg bg-red-50 p-3 text-sm text-red-900 ring-1 ring-red-200" role="alert">{state.error}</p>}
      {outcomes.length > 0 && (
        <section aria-label="Import results" className="space-y-2" data-testid="import-results">
          <p className="text-base font-semibold" role="status">
            {total('imported')} imported{total('alreadyImported') ? `, ${total('alreadyImported')} already imported` : ''}{total('duplicates') ? `, ${total('duplicates')} possible duplicates` : ''}{total('refused') ? `, ${total('refused')} not imported` : ''}.
          </p>
          <ul className="max-h-96 space-y-2 overflow-y-auto">
            {outcomes.slice(0, 500).map((o, i) => (
              <li key={`${o.file}-${i}`} className={`rounded-lg p-2 text-sm ring-1 ${STATUS_TONE[o.status]}`} data-testid={`import-outcome-${o.status}`}>
                <span className="font-semibold">{STATUS_WORDS[o.status]}:</span> {o.message}
              </li>
            ))}
          </ul>
          {outcomes.length > 500 && <p className="text-sm text-slate-700">and {outcomes.length - 500} more.</p>}
        </section>
      )}
    </div>
  );
}
