/**
 * The most requests any one-second window held, per path: a window of [t, t + 1000) ms starting
 * at each arrival (the receiver's clock, whole milliseconds).
 */
export function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= 1_000) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** Paths whose busiest second went over `limit`, with that figure; and every path's figure. */
export function rateLimitBreaches(byPath: Map<string, number[]>, paths: string[], limit: number): { breaches: string[]; busiest: Record<string, number> } {
  const busiest: Record<string, number> = {};
  const breaches: string[] = [];
  for (const path of paths) {
    busiest[path] = busiestSecond(byPath.get(path) ?? []);
    if (busiest[path] > limit) breaches.push(`${path} received ${busiest[path]} requests within one second (rate limit ${limit}/s)`);
  }
  return { breaches, busiest };
}
