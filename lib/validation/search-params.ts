import { z } from 'zod';
import { isPlausibleIsoDate, isStorableText } from './storable';

// URL parameters follow the same rules as form input (lib/validation/storable.ts), but a bad
// one is ignored (treated as absent) rather than reported: a URL is not a form to correct.
// Every parser of search params goes through these, so no NUL, lone surrogate or year 0000
// reaches the database (where it would fail the request with a 500).

/** Free text (a search box): trimmed, at most `max` characters, storable; else absent. */
export const urlText = (max: number) => z.string().trim().max(max).refine(isStorableText).optional().catch(undefined);

/** A date, YYYY-MM-DD, a real day in 1900–2100; else absent. */
export const urlDate = z.string().refine(isPlausibleIsoDate).optional().catch(undefined);

/** A page number; else absent. */
export const urlPage = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);

/** URL search params (first value of each key) as a plain object for the schemas. */
export function firstValues(raw: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string | undefined> {
  if (raw instanceof URLSearchParams) return Object.fromEntries([...raw.keys()].map((k) => [k, raw.get(k) ?? undefined]));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
