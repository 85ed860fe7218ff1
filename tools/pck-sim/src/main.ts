import { SingleBar, Presets } from 'cli-progress';
import { buildScenario, parseCliArgs, USAGE } from './lib/cli-args';
import { PckSimError } from './lib/pck-sim.exception';
import { formatReport } from './lib/report';
import { runScenario } from './lib/runner';
import { staticCalls } from './lib/scenario';

/** `npx tsx tools/pck-sim/src/main.ts --url … --scenario full`: plays a scenario and prints the report. */
async function main(): Promise<number> {
  const o = parseCliArgs(process.argv.slice(2));
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  const scenario = buildScenario(o);
  const showProgress = o.progress ?? process.stdout.isTTY === true;
  const bar = showProgress
    ? new SingleBar({ format: 'PCK kø [{bar}] {value}/{total} {op}', hideCursor: true }, Presets.shades_classic)
    : undefined;
  bar?.start(staticCalls(scenario).length, 0, { op: '' });
  try {
    const report = await runScenario(scenario, {
      url: o.url,
      login: o.login,
      password: o.password,
      timeScale: o.timeScale,
      maxAttempts: o.maxAttempts,
      timeoutMs: o.timeoutMs,
      onProgress: (e) => {
        bar?.setTotal(e.total);
        bar?.update(e.done, { op: e.last ? `${e.last.operation} ${e.last.label}` : '' });
      },
    });
    bar?.stop();
    console.log(o.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.permanentErrors.length > 0 || report.abandoned.length > 0 ? 2 : 0;
  } finally {
    bar?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof PckSimError ? `${err.message}\n\n${USAGE}` : err);
    process.exitCode = 1;
  },
);
