import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Benchmark, Figure } from './harness';
import { ratioOf } from './harness';

interface Row extends Figure {
  benchmark: string;
  ratio?: number;
}

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick');
  const only = argv.filter((a) => !a.startsWith('--'));
  return { quick, only };
}

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const dir = resolve(__dirname, 'benchmarks');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const rows: Row[] = [];
  const failures: { benchmark: string; error: string }[] = [];
  for (const file of files) {
    const benchmark = (require(join(dir, file)) as { default: Benchmark }).default;
    if (only.length > 0 && !only.some((o) => benchmark.name.includes(o))) continue;
    const started = Date.now();
    process.stderr.write(`\n▶ ${benchmark.name}: ${benchmark.description}${quick ? ' (quick)' : ''}\n`);
    try {
      const figures = await benchmark.run({
        quick,
        progress: (message) => process.stderr.write(`  … ${message}\n`),
      });
      for (const figure of figures) rows.push({ ...figure, benchmark: benchmark.name, ratio: ratioOf(figure) });
      process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push({ benchmark: benchmark.name, error: message });
      process.stderr.write(`  FAILED: ${message}\n`);
    }
  }
  const table = rows.map((r) => ({
    benchmark: r.benchmark,
    figure: r.name,
    value: `${format(r.value)} ${r.unit}`,
    baseline: r.baseline ? `${format(r.baseline.value)} ${r.unit} (${r.baseline.name})` : '',
    ratio: r.ratio === undefined ? '' : format(r.ratio),
    goal: r.goal ? `${r.goal}${r.goalMet === undefined ? '' : r.goalMet ? ' ✓' : ' ✗'}` : '',
  }));
  console.table(table);
  const out = resolve(__dirname, '..', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'latest.json'),
    JSON.stringify({ at: new Date().toISOString(), quick, node: process.version, figures: rows, failures }, null, 2) +
      '\n',
  );
  process.stderr.write(`\nresults written to tools/bench/results/latest.json\n`);
  if (failures.length > 0) process.exitCode = 1;
}

void main();
