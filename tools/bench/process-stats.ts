// CPU seconds and peak RSS per process, from /proc (Linux), so cost per delivery is visible.
import { readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICKS = 100;

export interface ProcessSample {
  name: string;
  pids: number[];
  cpuSeconds: number;
  peakRssMiB: number;
}

function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime are fields 14 and 15 (1-based); after the comm they are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
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

export function sampleProcesses(groups: Record<string, number[]>): ProcessSample[] {
  return Object.entries(groups).map(([name, pids]) => {
    let cpuSeconds = 0;
    let peakRssMiB = 0;
    for (const pid of pids) {
      try {
        cpuSeconds += readCpuSeconds(pid);
        peakRssMiB += readPeakRssMiB(pid);
      } catch {
        // gone
      }
    }
    return { name, pids, cpuSeconds, peakRssMiB };
  });
}

/** CPU used between two samples (peak RSS from the later one). */
export function diffSamples(before: ProcessSample[], after: ProcessSample[]): ProcessSample[] {
  return after.map((a) => {
    const b = before.find((x) => x.name === a.name);
    return { ...a, cpuSeconds: a.cpuSeconds - (b?.cpuSeconds ?? 0) };
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
