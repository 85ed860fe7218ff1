import { parseArgs } from 'node:util';
import type { GroupSource } from './catalogue';
import { dailyEdits } from './daily-edits';
import { initialTransfer } from './initial-transfer';
import { orderCycle } from './order-cycle';
import { PckSimError, PckSimErrorCode } from './pck-sim.exception';
import { must } from './must';
import { sequence, type Scenario } from './scenario';
import { switchGroupSource } from './switch-group-source';

export const SCENARIO_NAMES = ['initial', 'daily', 'switch', 'orders', 'full'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface CliOptions {
  url: string;
  login: number;
  password: string;
  scenario: ScenarioName;
  articles: number;
  seed: number;
  days: number;
  edits?: number;
  groupSource: GroupSource;
  timeScale: number;
  maxAttempts: number;
  timeoutMs: number;
  computerName?: string;
  /** undefined = when stdout is a TTY. */
  progress?: boolean;
  json: boolean;
  help: boolean;
}

export const USAGE = `Usage: npx tsx tools/pck-sim/src/main.ts --url <WebshopWS URL> [options]

  --url URL             gateway endpoint, e.g. http://127.0.0.1:8080/WebshopWS (required)
  --login N             PCK login (int, default 1)
  --password S          PCK password (default "")
  --scenario NAME       initial | daily | switch | orders | full (default full)
  --articles N          articles in the catalogue (default 200)
  --seed N              seed of the generated data (default 42)
  --days N              days of edits after the initial transfer (daily, full; default 1)
  --edits N             edits per day (default 10 % of the articles, at least 5)
  --group-source S      webGroups | articleGroups at the start (default webGroups)
  --time-scale X        multiplies PCK's retry delays 5 min / 1 h / 1 day (default 1)
  --max-attempts N      give up on a call after N attempts (default 10)
  --timeout-ms N        HTTP timeout per call (default 60000)
  --computer-name S     getOrders computerName (default KASSE1\\butikk{orderversion:2})
  --progress / --no-progress   progress bar (default: when stdout is a TTY)
  --json                print the report as JSON
  --help`;

function num(name: string, v: string | undefined, fallback: number, integer = true): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0)
    throw new PckSimError(PckSimErrorCode.InvalidOption, `--${name} ${v}`);
  return n;
}

export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      login: { type: 'string' },
      password: { type: 'string' },
      scenario: { type: 'string' },
      articles: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      edits: { type: 'string' },
      'group-source': { type: 'string' },
      'time-scale': { type: 'string' },
      'max-attempts': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'computer-name': { type: 'string' },
      progress: { type: 'boolean' },
      'no-progress': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const help = values.help ?? false;
  if (!values.url && !help) throw new PckSimError(PckSimErrorCode.InvalidOption, '--url is required');
  const scenario = values.scenario ?? 'full';
  if (!(SCENARIO_NAMES as readonly string[]).includes(scenario))
    throw new PckSimError(PckSimErrorCode.UnknownScenario, scenario);
  const groupSource = values['group-source'] ?? 'webGroups';
  if (groupSource !== 'webGroups' && groupSource !== 'articleGroups')
    throw new PckSimError(PckSimErrorCode.InvalidOption, `--group-source ${groupSource}`);
  return {
    url: values.url ?? '',
    login: num('login', values.login, 1),
    password: values.password ?? '',
    scenario: scenario as ScenarioName,
    articles: num('articles', values.articles, 200),
    seed: num('seed', values.seed, 42),
    days: num('days', values.days, 1),
    edits: values.edits === undefined ? undefined : num('edits', values.edits, 0),
    groupSource,
    timeScale: num('time-scale', values['time-scale'], 1, false),
    maxAttempts: Math.max(1, num('max-attempts', values['max-attempts'], 10)),
    timeoutMs: num('timeout-ms', values['timeout-ms'], 60_000),
    computerName: values['computer-name'],
    progress: values['no-progress'] ? false : values.progress,
    json: values.json ?? false,
    help,
  };
}

/**
 * The CLI's scenarios. `full` = initial transfer, `days` days of edits, a switch of group source
 * and back, then the order cycle.
 */
export function buildScenario(
  o: Pick<CliOptions, 'scenario' | 'seed' | 'articles' | 'days' | 'edits' | 'groupSource' | 'computerName'>,
): Scenario {
  const init = initialTransfer(o.seed, o.articles, { groupSource: o.groupSource });
  const catalogueOf = (s: Scenario) => must(s.catalogue, `catalogue after ${s.name}`);
  const days = (from: Scenario): Scenario[] => {
    const out: Scenario[] = [];
    let current = from;
    for (let d = 0; d < o.days; d++) {
      current = dailyEdits(catalogueOf(current), { edits: o.edits });
      out.push(current);
    }
    return out;
  };
  const orders = orderCycle({ seed: o.seed, computerName: o.computerName });
  switch (o.scenario) {
    case 'initial':
      return init;
    case 'daily':
      // The edits of a shop whose catalogue the gateway already has.
      return sequence('daily', ...days(init));
    case 'switch':
      return switchGroupSource(catalogueOf(init));
    case 'orders':
      return orders;
    case 'full': {
      const edits = days(init);
      const last = edits[edits.length - 1] ?? init;
      const switched = switchGroupSource(catalogueOf(last));
      const back = switchGroupSource(catalogueOf(switched));
      return sequence('full', init, ...edits, switched, back, orders);
    }
    default: {
      const never: never = o.scenario;
      throw new PckSimError(PckSimErrorCode.UnknownScenario, String(never));
    }
  }
}
