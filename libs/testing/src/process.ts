import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

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

/** Starts a TypeScript entry point (e.g. `apps/registry/src/main.ts`) in its own Node process. */
export function startTsProcess(entry: string, env: Record<string, string>, args: string[] = []): StartedProcess {
  // Tracing starts before the entry loads, as under `npm start` (libs/telemetry/src/preload.ts).
  return startProcess(process.execPath, ['--import', 'tsx', '--import', join(repoRoot, 'libs/telemetry/src/preload.ts'), join(repoRoot, entry), ...args], env);
}

export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  { ownGroup = false }: { ownGroup?: boolean } = {},
): StartedProcess {
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: ownGroup });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
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
