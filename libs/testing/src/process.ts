import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const repoRoot = join(__dirname, '../../..');

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<number | string>;
  /** Signals the whole process group, as Ctrl-C in a terminal does (needs `ownGroup`). */
  signalGroup(signal: NodeJS.Signals): void;
}

/** What a long-running process keeps of its output for `output()`: its last megabyte. */
const KEPT_OUTPUT = 1_000_000;

export interface ProcessOptions {
  /** Its own process group, so `signalGroup` reaches its children too (as Ctrl-C does). */
  ownGroup?: boolean;
  /** Node flags before the entry (e.g. `--cpu-prof`), for a TypeScript entry. */
  nodeArgs?: string[];
  /** Each line it prints (stdout and stderr), as it comes. */
  onLine?: (line: string) => void;
}

/**
 * Starts a TypeScript entry point (e.g. the SDK's CLI) in its own Node process. A service is
 * started with `spawnService` (service-process.ts), which adds what every service runs with.
 */
export function startTsProcess(entry: string, env: Record<string, string | undefined>, args: string[] = [], options: ProcessOptions = {}): StartedProcess {
  // Tracing starts before the entry loads, as in the images (libs/telemetry/src/preload.ts).
  const fromSource = ['--import', 'tsx', '--import', join(repoRoot, 'libs/telemetry/src/preload.ts')];
  return startProcess(process.execPath, [...(options.nodeArgs ?? []), ...fromSource, join(repoRoot, entry), ...args], env, options);
}

export function startProcess(command: string, args: string[], env: Record<string, string | undefined>, { ownGroup = false, onLine }: ProcessOptions = {}): StartedProcess {
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk;
    if (output.length > 2 * KEPT_OUTPUT) output = output.slice(-KEPT_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  if (onLine) {
    for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', onLine);
  }
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    output: () => output,
    exited,
    signalGroup(signal) {
      if (child.pid) process.kill(-child.pid, signal);
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}
