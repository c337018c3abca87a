import 'server-only';
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { jobs, type JobPayload } from '@/db/schema';

// The one durable queue for background work, on the app's own database (PGlite or
// PostgreSQL, same SQL). A job is a row written in the same transaction as the change that
// needs it, so it exists exactly when the change does. Workers claim due rows with
// FOR UPDATE SKIP LOCKED and hold them under a lease: two app instances never run the same
// job at once, and a job whose worker died (restart, crash) is claimed again when its
// lease ends. A failed run is retried with exponential backoff until maxAttempts.

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = { kind: string; payload: JobPayload; practiceId?: string | null; runAt?: Date; dedupeKey?: string; maxAttempts?: number };

/** Add a job; with a dedupe key already queued or done, nothing is added and null returned. */
export async function enqueue(q: Db | Tx, job: NewJob): Promise<number | null> {
  const [row] = await q
    .insert(jobs)
    .values({ kind: job.kind, payload: job.payload, practiceId: job.practiceId ?? null, runAt: job.runAt ?? new Date(), dedupeKey: job.dedupeKey ?? null, maxAttempts: job.maxAttempts ?? 12 })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/** Claim up to `limit` due jobs (only these ids, when given) for `leaseMs`. */
export async function claimJobs(db: Db, workerId: string, options: { limit: number; leaseMs: number; ids?: number[] }): Promise<JobRow[]> {
  if (options.ids && options.ids.length === 0) return [];
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, 'queued'),
        lte(jobs.runAt, sql`now()`),
        or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, sql`now()`)),
        options.ids ? inArray(jobs.id, options.ids) : undefined,
      ),
    )
    .orderBy(asc(jobs.runAt), asc(jobs.id))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return db
    .update(jobs)
    .set({ lockedBy: workerId, lockedUntil: sql`now() + ${`${options.leaseMs} milliseconds`}::interval`, attempts: sql`${jobs.attempts} + 1` })
    .where(inArray(jobs.id, due))
    .returning();
}

/** Mark a claimed job done; false when the lease was lost to another worker meanwhile. */
export async function completeJob(db: Db, job: JobRow, workerId: string): Promise<boolean> {
  const done = await db
    .update(jobs)
    .set({ status: 'done', finishedAt: new Date(), lockedBy: null, lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)))
    .returning({ id: jobs.id });
  return done.length > 0;
}

/**
 * Keep holding a claimed job for another `leaseMs` (long jobs call this between steps);
 * false when the lease was lost to another worker: the caller must stop.
 */
export async function extendLease(db: Db, job: JobRow, workerId: string, leaseMs: number): Promise<boolean> {
  const held = await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), eq(jobs.status, 'queued')))
    .returning({ id: jobs.id });
  return held.length > 0;
}

/** Exponential backoff: 30 s, 1 min, 2 min, … capped at one hour. */
export const defaultBackoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/** Record a failed run: retried after the backoff, or failed for good after maxAttempts. */
export async function failJob(db: Db, job: JobRow, workerId: string, error: unknown, backoffMs = defaultBackoffMs): Promise<'retry' | 'failed'> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const final = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set(
      final
        ? { status: 'failed', finishedAt: new Date(), lockedBy: null, lockedUntil: null, lastError: message }
        : { runAt: sql`now() + ${`${backoffMs(job.attempts)} milliseconds`}::interval`, lockedBy: null, lockedUntil: null, lastError: message },
    )
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
  return final ? 'failed' : 'retry';
}

/** Forget finished jobs after `days` (failed ones stay for diagnosis); returns how many went. */
export async function pruneDoneJobs(db: Db, days = 30): Promise<number> {
  const gone = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'done'), lt(jobs.finishedAt, sql`now() - ${`${days} days`}::interval`)))
    .returning({ id: jobs.id });
  return gone.length;
}
