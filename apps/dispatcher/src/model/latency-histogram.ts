/** Latency histogram bins: 8 per doubling of (ms + 1), so a percentile read from it is within ~9 %. */
export const BINS_PER_OCTAVE = 8;

/** The SQL expression of a duration's bin (0-based), matching binOf. */
export const BIN_SQL = `floor(${BINS_PER_OCTAVE} * log(2, greatest(duration_ms, 0) + 1))::int`;

export function binOf(durationMs: number): number {
  return Math.floor(BINS_PER_OCTAVE * Math.log2(Math.max(durationMs, 0) + 1));
}

/** The upper edge of a bin, in ms: the value a percentile falling in it reports. */
export function binUpperMs(bin: number): number {
  return Math.round(2 ** ((bin + 1) / BINS_PER_OCTAVE) - 1);
}

export function addInto(target: number[], source: readonly number[]): void {
  for (let i = 0; i < source.length; i++) target[i] = (target[i] ?? 0) + (source[i] ?? 0);
}

/** The q-quantile (0..1) of a histogram, or 0 when it is empty. */
export function quantile(histogram: readonly number[], q: number): number {
  const total = histogram.reduce((sum, n) => sum + (n ?? 0), 0);
  if (total === 0) return 0;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin] ?? 0;
    if (seen >= rank) return binUpperMs(bin);
  }
  return binUpperMs(histogram.length - 1);
}
