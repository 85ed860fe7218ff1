import { buildScenario, parseCliArgs } from './cli-args';
import { PckSimError } from './pck-sim.exception';
import { staticCalls } from './scenario';

describe('CLI arguments', () => {
  it('parses the documented flags with defaults', () => {
    const o = parseCliArgs([
      '--url',
      'http://127.0.0.1:8080/WebshopWS',
      '--login',
      '1',
      '--password',
      'x',
      '--scenario',
      'full',
      '--articles',
      '20',
      '--seed',
      '42',
      '--time-scale',
      '0.001',
      '--no-progress',
    ]);
    expect(o).toMatchObject({
      url: 'http://127.0.0.1:8080/WebshopWS',
      login: 1,
      password: 'x',
      scenario: 'full',
      articles: 20,
      seed: 42,
      timeScale: 0.001,
      progress: false,
      days: 1,
      maxAttempts: 10,
      json: false,
    });
  });

  it('rejects a missing url, an unknown scenario and bad numbers', () => {
    expect(() => parseCliArgs([])).toThrow(PckSimError);
    expect(() => parseCliArgs(['--url', 'u', '--scenario', 'nope'])).toThrow(/Unknown scenario/);
    expect(() => parseCliArgs(['--url', 'u', '--articles=-3'])).toThrow(/Invalid option/);
  });

  it('builds the full scenario: transfer, edits, switch and back, then the order cycle', () => {
    const s = buildScenario({ scenario: 'full', seed: 1, articles: 10, days: 2, groupSource: 'webGroups' });
    expect(s.steps[s.steps.length - 1]).toEqual({ kind: 'orderCycle', options: { seed: 1, computerName: undefined } });
    expect(s.catalogue?.groupSource).toBe('webGroups');
    expect(staticCalls(s).length).toBeGreaterThan(
      staticCalls(buildScenario({ scenario: 'initial', seed: 1, articles: 10, days: 2, groupSource: 'webGroups' }))
        .length,
    );
  });
});
