// Import limits, from the environment with safe defaults (docs/imports.md). They protect the
// server from hostile uploads: an archive that inflates without end (zip bomb), thousands of
// activities, or one huge file. Read per call so tests can set them.
import { z } from 'zod';

const MB = 1024 * 1024;

const schema = z.object({
  /** One uploaded file (a Strava archive is one file). */
  IMPORT_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(300),
  /** Files in one upload. */
  IMPORT_MAX_FILES: z.coerce.number().int().min(1).max(1000).default(50),
  /** Activities in one upload (all files and archives together). */
  IMPORT_MAX_ACTIVITIES: z.coerce.number().int().min(1).max(100_000).default(2000),
  /** Everything an upload inflates to (every .gz and archive entry together). */
  IMPORT_MAX_DECOMPRESSED_MB: z.coerce.number().int().min(1).max(16_384).default(2048),
  /** One activity file once inflated. */
  IMPORT_MAX_ACTIVITY_FILE_MB: z.coerce.number().int().min(1).max(1024).default(64),
});

export type ImportLimits = {
  maxUploadBytes: number;
  maxFiles: number;
  maxActivities: number;
  maxDecompressedBytes: number;
  maxActivityFileBytes: number;
};

export function importLimits(env: Record<string, string | undefined> = process.env): ImportLimits {
  const parsed = schema.safeParse(env);
  // A bad value falls back to the defaults rather than lifting a limit.
  const v = parsed.success ? parsed.data : schema.parse({});
  return {
    maxUploadBytes: v.IMPORT_MAX_UPLOAD_MB * MB,
    maxFiles: v.IMPORT_MAX_FILES,
    maxActivities: v.IMPORT_MAX_ACTIVITIES,
    maxDecompressedBytes: v.IMPORT_MAX_DECOMPRESSED_MB * MB,
    maxActivityFileBytes: v.IMPORT_MAX_ACTIVITY_FILE_MB * MB,
  };
}

export const megabytes = (bytes: number) => `${Math.round(bytes / MB)} MB`;
