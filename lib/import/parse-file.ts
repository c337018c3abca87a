// One uploaded activity file (or a .gz of one) to activities, or a message saying why not.
// The format is decided by the bytes, not the name, so a mislabelled file is read for what
// it is, and a file that is none of FIT, GPX or TCX is told so.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { looksLikeFit, parseFit } from './fit';
import { megabytes } from './limits';
import { ImportFileError, type ParsedActivity } from './types';
import { looksLikeXml, parseGpx, parseTcx } from './xml';

export type ParsedFile = { ok: true; name: string; hash: string; inflatedBytes: number; activities: ParsedActivity[] } | { ok: false; name: string; message: string; inflatedBytes: number };

const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05);

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  ['a PNG image', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['a JPEG image', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['a PDF document', (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46],
];

/** The SHA-256 of an activity file's (inflated) bytes: the same run sent as .fit or .fit.gz is one file. */
export const fileHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Inflate a gzip member, refusing to grow past `maxBytes` (zlib stops as soon as it would). */
export function gunzipLimited(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ImportFileError(`inflates to more than ${megabytes(maxBytes)}, far more than any activity file, so it was not read.`);
    }
    throw new ImportFileError('is a damaged or incomplete .gz file.');
  }
}

export function parseActivityFile(name: string, raw: Uint8Array, maxInflatedBytes: number): ParsedFile {
  let inflatedBytes = 0;
  try {
    if (raw.length === 0) throw new ImportFileError('is empty.');
    let bytes = raw;
    if (isGzip(bytes)) {
      bytes = gunzipLimited(bytes, maxInflatedBytes);
      inflatedBytes = bytes.length;
      if (bytes.length === 0) throw new ImportFileError('is empty once unpacked.');
      if (isGzip(bytes)) throw new ImportFileError('is compressed twice; unpack it once and upload it again.');
    }
    if (isZip(bytes)) throw new ImportFileError('is a ZIP archive inside another file; upload the archive itself.');
    const hash = fileHash(bytes);
    let activities: ParsedActivity[];
    if (looksLikeFit(bytes)) activities = parseFit(bytes);
    else {
      const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
      const kind = looksLikeXml(head);
      if (!kind) {
        const what = SIGNATURES.find(([, test]) => bytes.length >= 4 && test(bytes))?.[0];
        throw new ImportFileError(what ? `is ${what}, not a FIT, GPX or TCX activity file.` : 'is not a FIT, GPX or TCX activity file.');
      }
      let source: string;
      try {
        source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new ImportFileError('is not readable text (GPX and TCX files are UTF-8 XML).');
      }
      if (kind === 'gpx') activities = parseGpx(source);
      else if (kind === 'tcx') activities = parseTcx(source);
      else throw new ImportFileError('is an XML file but neither GPX nor TCX.');
    }
    return { ok: true, name, hash, inflatedBytes, activities };
  } catch (error) {
    // Every failure of a hostile or damaged file becomes a message; a bug in this code would
    // too, which is the safer side for a file upload (the message says the file was not read).
    const message = error instanceof ImportFileError ? error.message : 'could not be read (it looks damaged).';
    return { ok: false, name, message, inflatedBytes };
  }
}
