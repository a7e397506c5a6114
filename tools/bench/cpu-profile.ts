// Top functions by self time in a V8 CPU profile (a `.cpuprofile` written by a service run with
// `--node-args="--cpu-prof --cpu-prof-dir=DIR"`):
//   node --import tsx tools/bench/cpu-profile.ts DIR/<file>.cpuprofile [count]
// A function's self time is the time of the samples taken while it was on top of the stack,
// summed over every call path; `(garbage collector)`, `(program)` and `(idle)` are V8's own.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export function topFunctions(profile: CpuProfile, count: number): { name: string; ms: number; share: number }[] {
  const nameOf = new Map<number, string>();
  for (const { id, callFrame: f } of profile.nodes) {
    const where = f.url ? ` ${relative(process.cwd(), f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
    nameOf.set(id, `${f.functionName || '(anonymous)'}${where}`);
  }
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    // A sample's time is the gap to the next sample.
    const us = profile.timeDeltas[i + 1] ?? 0;
    const name = nameOf.get(id)!;
    self.set(name, (self.get(name) ?? 0) + us);
    total += us;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
}

if (require.main === module) {
  const [file, count = '25'] = process.argv.slice(2);
  const top = topFunctions(JSON.parse(readFileSync(file, 'utf8')), Number(count));
  for (const { name, ms, share } of top) process.stdout.write(`${ms.toFixed(0).padStart(8)} ms ${(share * 100).toFixed(1).padStart(5)} %  ${name}\n`);
}
