// One uploaded file, read from a temporary file on disk: a ZIP archive (a Strava export) or a
// single activity file (.fit, .gpx, .tcx, or a .gz of one).
import { open, readFile } from 'node:fs/promises';
import { isZipHead, readArchive, type ArchiveProgress } from './archive';
import { megabytes, type ImportLimits } from './limits';
import { parseActivityFile, type ParsedFile } from './parse-file';
import { ImportFileError } from './types';

export type UploadRead =
  | { ok: true; name: string; archive: boolean; files: ParsedFile[] }
  | { ok: false; name: string; archive: boolean; message: string };

async function head(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Read and parse one upload. A problem with the upload as a whole is a message, never a throw. */
export async function readUpload(name: string, path: string, size: number, limits: ImportLimits, onProgress?: (p: ArchiveProgress) => void): Promise<UploadRead> {
  let archive = false;
  try {
    // Before the file is opened: a finish with no chunk sent has no file at all.
    if (size === 0) throw new ImportFileError('is empty.');
    if (size > limits.maxUploadBytes) throw new ImportFileError(`is larger than ${megabytes(limits.maxUploadBytes)}, the most one upload may be.`);
    archive = isZipHead(await head(path));
    if (archive) {
      const { files } = await readArchive(path, limits, { inflatedBytes: 0 }, onProgress);
      return { ok: true, name, archive, files };
    }
    if (size > limits.maxActivityFileBytes) throw new ImportFileError(`is larger than ${megabytes(limits.maxActivityFileBytes)}, more than any activity file.`);
    const parsed = parseActivityFile(name, await readFile(path), limits.maxActivityFileBytes);
    onProgress?.({ done: 1, total: 1, entry: name });
    return { ok: true, name, archive, files: [parsed] };
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, name, archive, message: error.message };
    throw error;
  }
}
