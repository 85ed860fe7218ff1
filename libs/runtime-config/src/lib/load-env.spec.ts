import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { closestName } from './closest-name';
import { ENV_VARS } from './env-schema';
import { loadEnv } from './load-env';
import { RuntimeConfigError, RuntimeConfigErrorCode } from './runtime-config.exception';

const failure = (env: NodeJS.ProcessEnv): RuntimeConfigError => {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof RuntimeConfigError) return error;
    throw error;
  }
  throw new Error('loadEnv accepted the environment');
};

describe('loadEnv', () => {
  it('fills in defaults and types what is set; empty means unset', () => {
    const env = loadEnv({
      GATEWAY_PORT: ' 9090 ',
      BATCH_QUIET_MS: '2.5',
      MIGRATE_ON_START: ' FALSE ',
      GATEWAY_HOST: '',
      PATH: '/bin',
    });
    expect(env.number('GATEWAY_PORT')).toBe(9090);
    expect(env.number('BATCH_QUIET_MS')).toBe(2.5);
    expect(env.boolean('MIGRATE_ON_START')).toBe(false);
    expect(env.string('GATEWAY_HOST')).toBe('0.0.0.0');
    expect(env.isSet('GATEWAY_HOST')).toBe(false);
    expect(env.isSet('GATEWAY_PORT')).toBe(true);
    expect(env.string('NOP_BASE_URL')).toBeUndefined();
  });

  it('reads flags as true/false or 1/0', () => {
    expect(loadEnv({ RECONCILE_REPAIR: '1' }).boolean('RECONCILE_REPAIR')).toBe(true);
    expect(loadEnv({ MIGRATE_ON_START: '0' }).boolean('MIGRATE_ON_START')).toBe(false);
    expect(loadEnv({ MIGRATE_ON_START: 'True' }).boolean('MIGRATE_ON_START')).toBe(true);
    expect(loadEnv({}).boolean('MIGRATE_ON_START')).toBe(true);
  });

  it('fails on a typo of a project variable, naming the closest known one', () => {
    const e = failure({ GATEWAY_PROT: '8080', SCHEDULER_PORTT: '1', PCKNOP_SHOP_PASWORD: 'x', HOME: '/root' });
    expect(e.code).toBe(RuntimeConfigErrorCode.UnknownVariable);
    expect(e.problems).toEqual([
      'GATEWAY_PROT is not a known setting; did you mean GATEWAY_PORT?',
      'SCHEDULER_PORTT is not a known setting; did you mean SCHEDULER_PORT?',
      'PCKNOP_SHOP_PASWORD is not a known setting; did you mean PCKNOP_SHOP_PASSWORD?',
    ]);
  });

  it('fails on invalid values, naming each variable and what it expects', () => {
    const e = failure({
      GATEWAY_PORT: 'eighty',
      BATCH_MAX_SIZE: '-1',
      MIGRATE_ON_START: 'nein',
      LOG_LEVEL: 'loud',
      NOP_BASE_URL: 'shop.example.no',
      FLUSH_CRON: '* *',
    });
    expect(e.code).toBe(RuntimeConfigErrorCode.InvalidValue);
    expect([...e.problems].sort()).toEqual([
      'BATCH_MAX_SIZE="-1": expected a number ≥ 0',
      'FLUSH_CRON="* *": expected a cron expression of 5 or 6 fields',
      'GATEWAY_PORT="eighty": expected a whole number ≥ 0',
      'LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent',
      'MIGRATE_ON_START="nein": expected true or false (or 1 / 0)',
      'NOP_BASE_URL="shop.example.no": expected a URL (scheme://…)',
    ]);
    expect(e.message).toContain('GATEWAY_PORT="eighty"');
  });

  it('checks that SECRETS_KEY is 32 bytes', () => {
    expect(failure({ SECRETS_KEY: 'c2hvcnQ=' }).problems).toEqual([
      'SECRETS_KEY: expected 32 random bytes in base64 (openssl rand -base64 32)',
    ]);
    expect(loadEnv({ SECRETS_KEY: Buffer.alloc(32, 7).toString('base64') }).string('SECRETS_KEY')).toHaveLength(44);
  });

  it('a parse leaves the environment it was given as it was', () => {
    const env = { GATEWAY_PORT: '1', MIGRATE_ON_START: '0' };
    loadEnv(env);
    expect(env).toEqual({ GATEWAY_PORT: '1', MIGRATE_ON_START: '0' });
  });

  it('every variable it knows is in the README configuration table', () => {
    const readme = readFileSync(resolve(__dirname, '../../../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Repository layout'));
    expect(Object.keys(ENV_VARS).filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });
});

describe('closestName', () => {
  it('picks the name with the fewest edits', () => {
    expect(closestName('BATCH_MAX_DELAY', ['BATCH_MAX_SIZE', 'BATCH_MAX_DELAY_MS'])).toBe('BATCH_MAX_DELAY_MS');
    expect(closestName('X', [])).toBeUndefined();
  });
});
