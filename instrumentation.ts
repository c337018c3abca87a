// Runs once when the server starts (Node.js runtime only): check the environment, then
// start this instance's poller for the durable job queue (safety emails, escalations, the
// daily alert refresh) unless LOADLINE_WORKER=off leaves it to `npm run worker`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./lib/startup');
  const { inAppWorkerEnabled, startJobWorker } = await import('./lib/jobs/worker');
  if (inAppWorkerEnabled()) startJobWorker();
}
