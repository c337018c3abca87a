// Stopping what a script started. Children are spawned detached, so each leads a process group
// of its own, and a signal goes to the whole group: what a child started itself goes too (tsx
// runs its script as a child process, and SIGKILL to the tsx command alone left that running).
// Used by the benchmark (scripts/bench.mjs) and the several-instances test (scripts/multi-instance-test.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** A timer that does not keep the process alive by itself. */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export const isRunning = (child) => Boolean(child) && child.exitCode === null && child.signalCode === null;

/** Send `signal` to the child's process group, if the child still runs. */
export function signalGroup(child, signal) {
  if (!isRunning(child)) return;
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

/**
 * Stop a child and everything it started: `signal` to its group, then SIGKILL if the child has
 * not exited within `graceMs`. Resolves true when it had to be killed.
 */
export async function stopProcessGroup(child, signal = 'SIGTERM', graceMs = 10_000) {
  if (!isRunning(child)) return false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, signal);
  if (await Promise.race([exited.then(() => true), delay(graceMs).then(() => false)])) return false;
  signalGroup(child, 'SIGKILL');
  await Promise.race([exited, delay(5_000)]);
  return true;
}

/** Processes of a process group that are still running (zombies not counted); 0 where /proc is missing. */
export function liveInGroup(pgid) {
  if (!existsSync('/proc/self/stat')) return 0;
  let live = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${entry}/stat`, 'utf8'); } catch { continue; }
    // Fields after the command name (which may hold spaces, inside parentheses): state, ppid, pgrp.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') live++;
  }
  return live;
}
