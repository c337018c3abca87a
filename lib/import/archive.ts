// A Strava "export your data" ZIP (or any ZIP of activity files), read entry by entry from
// disk with yauzl: only the central directory and one activity file at a time are in memory.
// Every limit is checked before anything is kept, and again while inflating, because a
// hostile archive can lie about its sizes (zip bomb).
import { parse as parseCsv } from 'csv-parse/sync';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { megabytes, type ImportLimits } from './limits';
import { parseActivityFile, type ParsedFile } from './parse-file';
import { mapSport } from './sport';
import { ImportFileError } from './types';

/** Entries of any kind in one archive; a Strava export has a few per activity (media, routes). */
const MAX_ENTRIES = 200_000;
const ACTIVITY_FILE = /\.(fit|gpx|tcx)(\.gz)?$/i;
const ACTIVITIES_CSV = /(^|\/)activities\.csv$/i;

export type ArchiveProgress = { done: number; total: number; entry: string };

export const isZipHead = (head: Uint8Array) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);

/** Read one entry, stopping as soon as it inflates past `maxBytes`. */
async function readEntry(zip: ZipFile, entry: Entry, maxBytes: number): Promise<Buffer> {
  if (entry.isEncrypted()) throw new ImportFileError(`has a password-protected file (${entry.fileName}).`);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new ImportFileError(`has a file that inflates to more than ${megabytes(maxBytes)} (${entry.fileName}), so it was not read.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

type CsvRow = { name: string | null; type: string | null };

/** Strava's activities.csv: the name and type the athlete gave each activity, by its file path. */
function readActivitiesCsv(bytes: Buffer): Map<string, CsvRow> {
  const rows = parseCsv(bytes, { relax_column_count: true, skip_empty_lines: true, bom: true, max_record_size: 1_000_000 }) as string[][];
  const [header, ...body] = rows;
  const out = new Map<string, CsvRow>();
  if (!header) return out;
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const file = col('filename');
  const name = col('activity name');
  const type = col('activity type');
  if (file < 0) return out;
  for (const row of body) {
    const path = row[file]?.trim();
    if (path) out.set(path.replace(/^\.?\//, ''), { name: name >= 0 ? row[name]?.trim() || null : null, type: type >= 0 ? row[type]?.trim() || null : null });
  }
  return out;
}

export type ArchiveRead = { files: ParsedFile[]; inflatedBytes: number };

/**
 * Every activity file in the archive, each parsed or with its message. Throws ImportFileError
 * for a problem with the archive as a whole (then nothing from it is kept).
 */
export async function readArchive(path: string, limits: ImportLimits, budget: { inflatedBytes: number }, onProgress?: (p: ArchiveProgress) => void): Promise<ArchiveRead> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch {
    throw new ImportFileError('is not a readable ZIP archive (it may be damaged or cut short).');
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new ImportFileError(`has ${zip.entryCount.toLocaleString('en-GB')} files in it, more than an export can have.`);
    // First pass: the central directory only (no file data), to count and size before reading.
    const activities: Entry[] = [];
    let csvEntry: Entry | null = null;
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      if (ACTIVITY_FILE.test(entry.fileName)) {
        activities.push(entry);
        declared += entry.uncompressedSize;
      } else if (ACTIVITIES_CSV.test(entry.fileName) && !csvEntry) csvEntry = entry;
    }
    if (activities.length === 0) throw new ImportFileError('has no FIT, GPX or TCX files in it.');
    if (activities.length > limits.maxActivities) {
      throw new ImportFileError(`has ${activities.length.toLocaleString('en-GB')} activity files; at most ${limits.maxActivities.toLocaleString('en-GB')} can be imported at once. Nothing from it was imported.`);
    }
    if (budget.inflatedBytes + declared > limits.maxDecompressedBytes) {
      throw new ImportFileError(`would unpack to more than ${megabytes(limits.maxDecompressedBytes)}, so it was not read.`);
    }
    const csv = csvEntry ? readActivitiesCsv(await readEntry(zip, csvEntry, limits.maxActivityFileBytes)) : new Map<string, CsvRow>();
    const files: ParsedFile[] = [];
    let inflatedBytes = 0;
    for (const [i, entry] of activities.entries()) {
      const bytes = await readEntry(zip, entry, limits.maxActivityFileBytes);
      const parsed = parseActivityFile(entry.fileName, bytes, limits.maxActivityFileBytes);
      inflatedBytes += bytes.length + parsed.inflatedBytes;
      if (budget.inflatedBytes + inflatedBytes > limits.maxDecompressedBytes) throw new ImportFileError(`unpacks to more than ${megabytes(limits.maxDecompressedBytes)}, so it was not read.`);
      const row = csv.get(entry.fileName);
      if (parsed.ok && row) {
        for (const a of parsed.activities) {
          a.name = row.name ?? a.name;
          // The athlete's own choice of type wins over the device's guess when Loadline knows it.
          const fromCsv = mapSport(row.type);
          if (fromCsv !== 'other' || a.activity === 'other') a.activity = fromCsv;
          if (row.type) a.sportLabel = row.type;
        }
      }
      files.push(parsed);
      onProgress?.({ done: i + 1, total: activities.length, entry: entry.fileName });
    }
    return { files, inflatedBytes };
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('is a damaged ZIP archive (a file in it could not be unpacked).');
  } finally {
    zip.close();
  }
}
