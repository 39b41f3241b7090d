/** Measuring helpers shared by the bench suites, so every suite reports figures the same way. */
import { performance } from 'node:perf_hooks';

/** Runs per figure: a median of three or more, not a best-of, so one lucky run does not decide. */
export const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `fn` RUNS times; the median time in ms and the last run's value. */
export async function time<T>(fn: () => T | Promise<T>, runs = RUNS): Promise<{ ms: number; value: T }> {
  const ms: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), value };
}

/** Peak resident set size of this process so far, in MB (maxRSS is in KiB). */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 0);
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
