/** Index of the first span (sorted by start) whose start is >= pos. */
export function lowerBound(spans: readonly { start: number }[], pos: number): number {
  let lo = 0, hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < pos) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Spans (sorted by start, non-overlapping) lying wholly inside [from, to). */
export function within<T extends { start: number; end: number }>(spans: readonly T[], from: number, to: number): T[] {
  const out: T[] = [];
  for (let i = lowerBound(spans, from); i < spans.length && spans[i]!.start < to; i++) if (spans[i]!.end <= to) out.push(spans[i]!);
  return out;
}

/** The span containing pos, for sorted non-overlapping spans. */
export function containing<T extends { start: number; end: number }>(spans: readonly T[], pos: number): T | undefined {
  const i = lowerBound(spans, pos + 1) - 1;
  const s = spans[i];
  return s && s.start <= pos && pos < s.end ? s : undefined;
}

/**
 * Whether pos lies inside one of the spans (sorted by start; they may nest, as quotes do).
 * Only the few spans opening last before pos can hold it: nested spans sit inside their outer one.
 */
export function covers(spans: readonly { start: number; end: number }[], pos: number): boolean {
  for (let i = lowerBound(spans, pos + 1) - 1, n = 0; i >= 0 && n < 8; i--, n++) if (spans[i]!.start <= pos && pos < spans[i]!.end) return true;
  return false;
}
