// npm run worker — the background worker as its own process, for deployments that run
// several app instances with LOADLINE_WORKER=off: it polls the durable job queue (safety
// emails and escalations, the daily alert refresh of every practice at its local midnight)
// and stops cleanly on SIGINT/SIGTERM. Several workers may run: claims are exclusive.
import '../lib/startup';
import { closeDb } from '../db/client';
import { startJobWorker } from '../lib/jobs/worker';

const intervalMs = Number(process.env.WORKER_POLL_MS ?? 5_000);
const stop = startJobWorker(Number.isFinite(intervalMs) && intervalMs >= 100 ? intervalMs : 5_000);
console.log(`[worker] polling the job queue every ${intervalMs} ms (pid ${process.pid})`);
// The poller's timer does not keep a process alive (inside the app the server does): this does.
const keepAlive = setInterval(() => undefined, 60_000);

async function shutdown(signal: string) {
  console.log(`[worker] ${signal}: stopping`);
  stop();
  clearInterval(keepAlive);
  await closeDb();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
