// What adherence (lib/analytics/adherence.ts) is computed from, read the same way for every
// view: each program item with the days it was prescribed, and the ticks of each item.
// The SQL parts are shared by the alert state (one statement for a batch of patients) and
// the patient page's trends, so both hand the pure function the same rows.
import { sql, type SQL } from 'drizzle-orm';
import { programItemSpan, type AdherenceCompletion, type AdherenceItem } from '@/lib/analytics/adherence';

export type AdherenceItemRow = {
  patient_id: string;
  id: string;
  sessions_per_week: number;
  title: string | null;
  program_start: string;
  program_end: string | null;
  /** The practice-local day the item was added; null when it was saved with the program. */
  added_on: string | null;
  removed_on: string | null;
};
export type AdherenceCompletionRow = { patient_id: string; item_id: string; date: string; n: number };

/**
 * Items of the patients' programs (active or ended) that may have been prescribed on a day
 * of from..to. An item inserted in the statement that created its program has the
 * program's created_at (now() is the transaction's start): it counts from the program start.
 */
export function adherenceItemsSql(practiceId: string, timeZone: string, patientIds: SQL, from: string, to: string): SQL {
  return sql`
    SELECT pg.patient_id, pi.id, pi.sessions_per_week::int AS sessions_per_week, e.title,
           pg.start_date::text AS program_start, pg.end_date::text AS program_end,
           CASE WHEN pi.created_at <= pg.created_at THEN NULL ELSE (pi.created_at AT TIME ZONE ${timeZone})::date::text END AS added_on,
           (pi.removed_at AT TIME ZONE ${timeZone})::date::text AS removed_on
    FROM program_items pi
    JOIN programs pg ON pg.id = pi.program_id
    LEFT JOIN exercises e ON e.id = pi.exercise_id
    WHERE pg.practice_id = ${practiceId} AND pi.practice_id = ${practiceId} AND pg.patient_id IN (${patientIds})
      AND pg.start_date <= ${to} AND (pg.end_date IS NULL OR pg.end_date >= ${from})
      AND (pi.removed_at IS NULL OR (pi.removed_at AT TIME ZONE ${timeZone})::date > ${from})
    ORDER BY pg.start_date, pi.position, pi.id`;
}

/** Ticks (not voided) of the patients on from..to, per item and day. */
export function adherenceCompletionsSql(practiceId: string, patientIds: SQL, from: string, to: string): SQL {
  return sql`
    SELECT patient_id, program_item_id AS item_id, completed_on::text AS date, count(*)::int AS n
    FROM exercise_completions
    WHERE practice_id = ${practiceId} AND patient_id IN (${patientIds}) AND voided_at IS NULL AND completed_on BETWEEN ${from} AND ${to}
    GROUP BY patient_id, program_item_id, completed_on`;
}

export function toAdherenceItem(row: AdherenceItemRow): AdherenceItem {
  const span = programItemSpan({ programStart: row.program_start, programEnd: row.program_end, addedOn: row.added_on, removedOn: row.removed_on });
  return { id: row.id, sessionsPerWeek: Number(row.sessions_per_week), ...span, ...(row.title !== null && { title: row.title }) };
}

export function toAdherenceCompletion(row: AdherenceCompletionRow): AdherenceCompletion {
  return { itemId: row.item_id, date: row.date, n: Number(row.n) };
}

/**
 * Rows of db.execute, from postgres.js (an array) or PGlite ({ rows }). T is what the SQL
 * selects: the one place a raw query's rows are given their type.
 */
export function rowsOf<T>(result: unknown): T[] {
  const rows: unknown = Array.isArray(result) ? result : typeof result === 'object' && result !== null && 'rows' in result ? result.rows : [];
  return Array.isArray(rows) ? (rows as T[]) : [];
}
