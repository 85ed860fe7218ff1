/**
 * The benchmark harness. A benchmark is a file `src/benchmarks/<name>.bench.ts` whose default
 * export is a {@link Benchmark}; `npm run bench` discovers and runs them all. Every figure is
 * reported beside a baseline measured in the same run (machines are noisy; absolute numbers
 * from another run mean little), with the ratio between them.
 */
export type Better = 'lower' | 'higher';

export interface Figure {
  /** What was measured, e.g. `sendArticle p50 latency`. */
  name: string;
  value: number;
  unit: string;
  better: Better;
  /** The same kind of figure for the baseline, measured in the same run. */
  baseline?: { name: string; value: number };
  /** The goal stated in the issue, as text, e.g. `≤ 3 ms` or `≥ 0.5 of raw`. */
  goal?: string;
  /** Whether the goal was met, when the benchmark can tell. */
  goalMet?: boolean;
}

export interface BenchContext {
  /** Quick mode: smaller workloads so the whole suite runs in under two minutes. */
  quick: boolean;
  /** Reports progress of long work on stderr. */
  progress(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(context: BenchContext): Promise<Figure[]>;
}

/** ratio = value / baseline; for lower-is-better figures read it as "times the baseline". */
export function ratioOf(figure: Figure): number | undefined {
  if (!figure.baseline || figure.baseline.value === 0) return undefined;
  return figure.value / figure.baseline.value;
}

/** Percentile of a sample (nearest-rank), p in [0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}
