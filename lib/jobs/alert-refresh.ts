import 'server-only';
import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { rowsOf } from '@/lib/data/adherence-items';
import { refreshStaleAlertStates } from '@/lib/data/alert-state';
import type { JobRow } from './queue';
import type { JobContext } from './worker';

// The daily alert refresh as a durable job. Alert rows go stale when a practice's local day
// turns (windows move; "no log for 14 days" grows without any write). A worker's scheduler
// queues one 'alerts.refresh' job per practice that has stale rows — at most one queued or
// running per practice (a partial unique index, migration 0013) — and the job brings the
// stale rows up to today in chunks, extending its lease between them. It is idempotent:
// a run cut short (restart, crash) leaves the rest stale, and the next claim or the next
// scheduling pass finishes them.

export const ALERT_REFRESH_KIND = 'alerts.refresh';
/** Patients per chunk: one lease extension and one look at the clock per chunk. */
const CHUNK = 500;

const idsOf = (result: unknown): number[] => rowsOf<{ id: number | string }>(result).map((r) => Number(r.id));

/**
 * Queue the refresh of every practice (or only `practiceId`) with an active patient whose
 * stored alerts are older than the practice's local today (or missing). One statement;
 * practices that already have one queued get nothing new. Returns the new jobs' ids.
 */
export async function scheduleAlertRefreshes(db: Db, practiceId?: string): Promise<number[]> {
  const result = await db.execute(sql`
    INSERT INTO jobs (kind, payload, practice_id, run_at, max_attempts)
    SELECT ${ALERT_REFRESH_KIND}, json_build_object('practiceId', p.id::text)::jsonb, p.id, now(), 12
    FROM practices p
    WHERE ${practiceId ? sql`p.id = ${practiceId}::uuid` : sql`true`}
      AND EXISTS (
        SELECT 1 FROM patients pt LEFT JOIN patient_alert_state s ON s.patient_id = pt.id
        WHERE pt.practice_id = p.id
          AND ((pt.status = 'active' AND (s.as_of IS NULL OR s.as_of < (now() AT TIME ZONE p.time_zone)::date))
               -- a row a write marked (markStaleInWrite) and no refresh has cleared yet
               OR s.stale_since IS NOT NULL))
    ON CONFLICT (kind, practice_id) WHERE status = 'queued' AND kind = 'alerts.refresh' DO NOTHING
    RETURNING id`);
  return idsOf(result);
}

/**
 * Mark one patient's alert row out of date and, with `queue`, queue the practice's refresh (or
 * join the one queued), in one statement. A write calls it inside its own transaction
 * (markStaleInWrite in lib/data/alert-state.ts), so the mark commits with the new entry or not
 * at all: a crash after the commit leaves a marked row, which the worker's scheduling pass
 * queues. Each mark is a new value, later than the one it replaces: a refresh clears the mark
 * only if it still holds the value that refresh read with the logs (compare-and-set), so a mark
 * whose entry the refresh did not see survives it.
 */
export async function markStaleAndQueueRefresh(db: Db | Tx, practiceId: string, patientId: string, queue = true): Promise<void> {
  await db.execute(queue ? sql`WITH ${markStaleCtes(practiceId, patientId, true)} SELECT 1` : markStatement(practiceId, patientId, sql`true`));
}

/**
 * The same mark as CTEs of a larger statement (`marked`, and `queued` with `queue`), made only
 * when `onlyIf` holds: a write that is one statement marks the row with its own entry
 * (writeMarkingAlertsInItsStatement in lib/data/alert-state.ts), and not at all if it wrote none.
 * The ids may be placeholders of a compiled statement (db/compiled-statement.ts).
 */
export function markStaleCtes(practiceId: string | Placeholder, patientId: string | Placeholder, queue: boolean, onlyIf: SQL = sql`true`): SQL {
  const marked = sql`marked AS (${markStatement(practiceId, patientId, onlyIf)})`;
  if (!queue) return marked;
  return sql`${marked}, queued AS (
    INSERT INTO jobs (kind, payload, practice_id, run_at, max_attempts)
    SELECT ${ALERT_REFRESH_KIND}, json_build_object('practiceId', ${practiceId}::text)::jsonb, ${practiceId}::uuid, now(), 12
    FROM marked
    ON CONFLICT (kind, practice_id) WHERE status = 'queued' AND kind = 'alerts.refresh' DO NOTHING)`;
}

function markStatement(practiceId: string | Placeholder, patientId: string | Placeholder, onlyIf: SQL): SQL {
  return sql`
      UPDATE patient_alert_state SET stale_since = greatest(clock_timestamp(), stale_since + interval '1 microsecond')
      WHERE practice_id = ${practiceId}::uuid AND patient_id = ${patientId}::uuid AND ${onlyIf} RETURNING patient_id`;
}

/** The job: every stale active row of the practice, chunk by chunk, while the lease holds. */
export async function refreshPracticeAlerts(job: JobRow, { heartbeat }: JobContext): Promise<void> {
  const practiceId = job.payload.practiceId;
  if (typeof practiceId !== 'string') throw new Error(`job ${job.kind} #${job.id}: payload.practiceId missing`);
  for (;;) {
    const refreshed = await refreshStaleAlertStates(practiceId, CHUNK);
    if (refreshed < CHUNK) return;
    // Lost the lease (this worker stalled past it): another worker owns the job now.
    if (!(await heartbeat())) throw new Error('lease lost during the alert refresh');
  }
}
