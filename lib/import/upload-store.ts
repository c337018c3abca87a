// Uploads arrive in chunks (each well under the 10 MB that Next.js's proxy buffers per
// request), appended in order to a temporary file per user and upload id, then read from
// disk as a stream. The file is deleted once read; leftovers older than a day are swept.
import { mkdir, readdir, rm, stat, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Bytes per chunk request; the client sends this size (lib/import and the upload form share it). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
const STALE_MS = 24 * 60 * 60 * 1000;
const ROOT = path.join(tmpdir(), 'loadline-imports');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The temporary file of one upload; the ids are checked so no path can be built from input. */
export function uploadPath(userId: string, uploadId: string): string {
  if (!UUID.test(userId) || !UUID.test(uploadId)) throw new Error('invalid upload id');
  return path.join(ROOT, `${userId}-${uploadId}.part`);
}

export async function uploadedBytes(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** Append a chunk at `offset`; false when it is not the next chunk (a resent or skipped one). */
export async function appendChunk(file: string, offset: number, chunk: Uint8Array): Promise<boolean> {
  await mkdir(ROOT, { recursive: true, mode: 0o700 });
  if ((await uploadedBytes(file)) !== offset) return false;
  await appendFile(file, chunk, { mode: 0o600 });
  return true;
}

export async function discardUpload(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Remove uploads abandoned for a day (a closed tab mid-upload). */
export async function sweepStaleUploads(now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(ROOT);
  } catch {
    return;
  }
  await Promise.all(names.map(async (name) => {
    const file = path.join(ROOT, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > STALE_MS) await rm(file, { force: true });
  }));
}
