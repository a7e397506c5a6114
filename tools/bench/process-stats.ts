// CPU seconds and peak RSS per process, from /proc (Linux), so cost per delivery is visible.
import { readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICKS = 100;

export interface ProcessSample {
  name: string;
  pids: number[];
  cpuSeconds: number;
  peakRssMiB: number;
}

/** A sample with each process's own CPU, so that a diff survives processes coming and going. */
export interface ProcessSnapshot extends ProcessSample {
  cpuByPid: Record<number, number>;
}

/**
 * CPU of a process and of its children that have ended (a PostgreSQL backend that exits between
 * two samples is counted in the postmaster's children time, not lost).
 */
function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime are fields 14–17 (1-based); after the comm they are at 11–14.
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

function readPeakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/** Processes whose command line contains `needle`. */
export function findPids(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle) && Number(entry) !== process.pid) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

export function sampleProcesses(groups: Record<string, number[]>): ProcessSnapshot[] {
  return Object.entries(groups).map(([name, pids]) => {
    let cpuSeconds = 0;
    let peakRssMiB = 0;
    const cpuByPid: Record<number, number> = {};
    for (const pid of pids) {
      try {
        cpuByPid[pid] = readCpuSeconds(pid);
        cpuSeconds += cpuByPid[pid];
        peakRssMiB += readPeakRssMiB(pid);
      } catch {
        // gone
      }
    }
    return { name, pids, cpuSeconds, peakRssMiB, cpuByPid };
  });
}

/**
 * CPU used between two samples, process by process (peak RSS from the later one): a process
 * that started meanwhile counts whole, one that ended is in its parent's children time.
 */
export function diffSamples(before: ProcessSnapshot[], after: ProcessSnapshot[]): ProcessSample[] {
  return after.map(({ cpuByPid, ...a }) => {
    const earlier = before.find((x) => x.name === a.name)?.cpuByPid ?? {};
    const cpuSeconds = Object.entries(cpuByPid).reduce((sum, [pid, cpu]) => sum + cpu - (earlier[Number(pid)] ?? 0), 0);
    return { ...a, cpuSeconds };
  });
}

function readRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/**
 * Samples each group's resident memory (summed over its processes) every `intervalMs` and keeps
 * the highest: the peak of one profile, where VmHWM would carry an earlier profile's peak.
 */
export function watchPeakRss(groups: () => Record<string, number[]>, intervalMs = 1_000): { stop(): Record<string, number> } {
  const peaks: Record<string, number> = {};
  const sample = () => {
    for (const [name, pids] of Object.entries(groups())) {
      let rss = 0;
      for (const pid of pids) {
        try {
          rss += readRssMiB(pid);
        } catch {
          // gone
        }
      }
      peaks[name] = Math.max(peaks[name] ?? 0, rss);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}
