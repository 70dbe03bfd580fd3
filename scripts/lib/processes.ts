import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

/**
 * Every long-lived process the scripts start, each in its own process group so that it and its children
 * (code-server's extension host, chromium's helpers) can be stopped together, and only they.
 * Kept on `globalThis` because the test runner and the e2e bundle each carry a copy of this module.
 */
const registry = globalThis as typeof globalThis & { alignmentNotesProcesses?: Set<ChildProcess> };
const started = (registry.alignmentNotesProcesses ??= new Set<ChildProcess>());

/** Starts a tracked process in a new process group. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Stops a tracked process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopTracked(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Children that outlived the leader still share its group.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Nothing left.
  }
}

/** Kills every tracked group at once; safe to call from an exit handler. */
export function killAllTracked(): void {
  for (const child of started) signalGroup(child, 'SIGKILL');
}

let handlersInstalled = false;

/** Makes Ctrl+C, SIGTERM and a normal exit leave no tracked process behind. */
export function installCleanupHandlers(onSignal?: () => Promise<void>): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllTracked);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\nalignment-notes: ${signal} received, stopping the processes this run started.`);
      const cleanup = onSignal ? onSignal().catch(() => undefined) : Promise.resolve();
      const deadline = new Promise((resolve) => setTimeout(resolve, 5_000));
      void Promise.race([cleanup, deadline]).finally(() => {
        killAllTracked();
        process.exit(130);
      });
    });
  }
}
