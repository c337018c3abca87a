import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { getDb } from '@/db/client';
import { JOB_HANDLERS } from './handlers';
import { pruneEndedSessions } from '@/lib/auth/user-sessions';
import { scheduleReminders } from '@/lib/reminders/jobs';
import { ALERT_REFRESH_KIND, scheduleAlertRefreshes } from './alert-refresh';
import { claimJobs, completeJob, defaultBackoffMs, extendLease, failJob, pruneDoneJobs, type JobRow } from './queue';

// Runs the queue's due jobs in this process. Every app instance starts one poller
// (instrumentation.ts); claims are exclusive, so instances share the work without
// running a job twice. A request that has just queued urgent work (a warning sign's
// email) can also run those jobs at once with runJobsNow.

export type JobContext = {
  finalAttempt: boolean;
  /** Extend this job's lease; false when it was lost (another worker took over): stop then. */
  heartbeat: () => Promise<boolean>;
};
export type JobHandler = (job: JobRow, context: JobContext) => Promise<void>;
export type RunOptions = { workerId?: string; limit?: number; leaseMs?: number; ids?: number[]; backoffMs?: (attempts: number) => number };

const processWorkerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
/** Long enough for a slow SMTP exchange (the mail transport times out after 10 s). */
const DEFAULT_LEASE_MS = 120_000;
const MAX_BATCHES = 20;
/**
 * Kinds that renew their lease often hold a short one, so the work of a worker that died
 * mid-run is taken over within seconds instead of after the default lease: the alert refresh
 * renews it between chunks of 500 patients (a second or two each, so 15 s leaves a margin of
 * ten), and a cold day is fresh well within a minute of a worker restart.
 */
export const LEASE_MS_BY_KIND: Readonly<Record<string, number>> = { [ALERT_REFRESH_KIND]: 15_000 };

async function runOne(job: JobRow, workerId: string, backoffMs: (attempts: number) => number, leaseMs: number): Promise<'done' | 'retry' | 'failed'> {
  const db = getDb();
  const handler = JOB_HANDLERS[job.kind];
  const lease = Math.min(leaseMs, LEASE_MS_BY_KIND[job.kind] ?? leaseMs);
  try {
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
    // Claimed with the default lease; shortened at once for a kind that renews it often.
    if (lease < leaseMs && !(await extendLease(db, job, workerId, lease))) throw new Error('lease lost before the job started');
    await handler(job, { finalAttempt: job.attempts >= job.maxAttempts, heartbeat: () => extendLease(db, job, workerId, lease) });
    await completeJob(db, job, workerId);
    return 'done';
  } catch (error) {
    const outcome = await failJob(db, job, workerId, error, backoffMs);
    console.error(`[jobs] ${job.kind} #${job.id} attempt ${job.attempts} failed (${outcome}):`, error instanceof Error ? error.message : error);
    return outcome;
  }
}

/** Claim and run due jobs until none is left (or only the given ids, once). */
export async function runDueJobs(options: RunOptions = {}): Promise<{ done: number; retried: number; failed: number }> {
  const workerId = options.workerId ?? processWorkerId;
  const counts = { done: 0, retried: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const claimed = await claimJobs(getDb(), workerId, { limit: options.limit ?? 20, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS, ids: options.ids });
    if (claimed.length === 0) break;
    for (const job of claimed) {
      const outcome = await runOne(job, workerId, options.backoffMs ?? defaultBackoffMs, options.leaseMs ?? DEFAULT_LEASE_MS);
      counts[outcome === 'done' ? 'done' : outcome === 'retry' ? 'retried' : 'failed'] += 1;
    }
    if (options.ids) break;
  }
  return counts;
}

/**
 * Run these just-queued jobs now, giving up waiting after `timeoutMs` (the jobs then stay
 * with whichever worker holds them, or wait for the poller). Never throws: the change that
 * queued them is already saved.
 */
export async function runJobsNow(ids: number[], timeoutMs = 8_000): Promise<void> {
  if (ids.length === 0) return;
  const run = runDueJobs({ ids }).catch((error: unknown) => console.error('[jobs] immediate run failed:', error));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); });
  await Promise.race([run, timeout]);
  clearTimeout(timer);
}

/**
 * Whether this app process runs background jobs itself (the default, so `npm run demo` is one
 * command). Set LOADLINE_WORKER=off on app instances when a separate `npm run worker` runs them.
 */
export const inAppWorkerEnabled = () => process.env.LOADLINE_WORKER !== 'off';

/** How often a worker looks for practices whose day has turned (their alert rows went stale). */
const SCHEDULE_EVERY_MS = 20_000;

/**
 * Poll for due jobs every `intervalMs` in this process; returns a stop function. Every
 * SCHEDULE_EVERY_MS it also queues the alert refresh of each practice with stale rows (a
 * new local day, a restored patient, a refresh cut short by a restart) and the patients'
 * daily reminders whose time has come (lib/reminders/jobs.ts).
 */
export function startJobWorker(intervalMs = 5_000): () => void {
  let running = false;
  let prunedAt = 0;
  let scheduledAt = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (Date.now() - scheduledAt >= SCHEDULE_EVERY_MS) {
        scheduledAt = Date.now();
        await scheduleAlertRefreshes(getDb());
        await scheduleReminders(getDb());
      }
      await runDueJobs();
      if (Date.now() - prunedAt > 3_600_000) {
        prunedAt = Date.now();
        await pruneDoneJobs(getDb());
        await pruneEndedSessions(getDb());
      }
    } catch (error) {
      console.error('[jobs] poll failed:', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
