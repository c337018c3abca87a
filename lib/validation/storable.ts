import { isIsoDate } from '@/lib/dates';

// What the database can keep as typed, shared by form input (lib/actions/result.ts) and URL
// parameters (lib/validation/search-params.ts).

// NUL characters cannot be stored in PostgreSQL text, and an unpaired UTF-16 surrogate
// would be stored as U+FFFD: refuse both rather than fail or silently change the text.
export const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

/** Dates outside these years are typing mistakes (and year 0000 is no date PostgreSQL knows). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A real calendar day, YYYY-MM-DD, in MIN_YEAR..MAX_YEAR. */
export function isPlausibleIsoDate(value: string): boolean {
  if (!isIsoDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}
