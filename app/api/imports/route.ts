import { stat } from 'node:fs/promises';
import { revalidatePatient } from '@/lib/actions/revalidate';
import { isSameOriginRequest } from '@/lib/http/same-origin';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { errorResponse } from '@/app/api/admin/_lib/error-response';
import { assertCan } from '@/lib/access/policy';
import { requireActor } from '@/lib/auth/require-actor';
import { importUpload } from '@/lib/data/run-imports';
import { resolveEntryPatient } from '@/lib/data/scope';
import { getDb } from '@/db/client';
import { importLimits, megabytes } from '@/lib/import/limits';
import { readUpload } from '@/lib/import/read-upload';
import { appendChunk, discardUpload, sweepStaleUploads, UPLOAD_CHUNK_BYTES, uploadPath } from '@/lib/import/upload-store';

export const dynamic = 'force-dynamic';

// Run imports (lib/import): the browser sends the file in chunks (step=chunk, in order, by
// offset), then asks for it to be read (step=finish); the answer to that is a stream of
// JSON lines, progress as each activity is read, then the report.

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

const query = z.discriminatedUnion('step', [
  z.object({ step: z.literal('chunk'), upload: z.uuid(), offset: z.coerce.number().int().min(0) }),
  z.object({
    step: z.literal('finish'),
    upload: z.uuid(),
    name: z.string().trim().min(1).max(255),
    patientId: z.uuid().optional(),
    duplicates: z.enum(['0', '1']).default('0'),
  }),
]);

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request.headers)) return json({ error: 'forbidden', message: 'Cross-site request refused.' }, 403);
  try {
    const actor = await requireActor();
    assertCan(actor, 'entry:log');
    const params = query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
    if (!params.success) return json({ error: 'invalid', message: 'This upload request is not valid.' }, 400);
    const limits = importLimits();
    const file = uploadPath(actor.userId, params.data.upload);

    if (params.data.step === 'chunk') {
      const declared = Number(request.headers.get('content-length') ?? NaN);
      if (!(declared <= UPLOAD_CHUNK_BYTES)) return json({ error: 'invalid', message: 'Send the file in chunks of at most 4 MB.' }, 413);
      const chunk = new Uint8Array(await request.arrayBuffer());
      if (chunk.length > UPLOAD_CHUNK_BYTES) return json({ error: 'invalid', message: 'Send the file in chunks of at most 4 MB.' }, 413);
      if (params.data.offset + chunk.length > limits.maxUploadBytes) {
        await discardUpload(file);
        return json({ error: 'invalid', message: `The file is larger than ${megabytes(limits.maxUploadBytes)}, the most one upload may be.` }, 413);
      }
      if (params.data.offset === 0) await sweepStaleUploads();
      if (!(await appendChunk(file, params.data.offset, chunk))) return json({ error: 'conflict', message: 'The upload lost its place; start it again.' }, 409);
      return json({ ok: true, received: params.data.offset + chunk.length }, 200);
    }

    const { name, patientId, duplicates } = params.data;
    // Whose log it goes to is settled before reading (a wrong patient answers at once).
    await resolveEntryPatient(getDb(), actor, patientId);
    const { size } = await stat(file).catch(() => ({ size: 0 }));
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        try {
          let last = 0;
          const read = await readUpload(name, file, size, limits, (p) => {
            // At most about a hundred progress lines per upload.
            if (p.done === p.total || p.done - last >= Math.max(1, Math.floor(p.total / 100))) {
              last = p.done;
              send({ type: 'progress', done: p.done, total: p.total });
            }
          });
          send({ type: 'saving' });
          const report = await importUpload(actor, patientId, read, limits, { importDuplicates: duplicates === '1' });
          revalidatePatient(report.patientId);
          const { patientId: _omit, ...forClient } = report;
          send({ type: 'report', report: forClient });
        } catch (error) {
          console.error('run import failed', error);
          send({ type: 'error', message: 'The import failed on our side; nothing from this file was stored. Please try again.' });
        } finally {
          await discardUpload(file);
          controller.close();
        }
      },
    });
    return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' } });
  } catch (error) {
    return errorResponse(error);
  }
}
