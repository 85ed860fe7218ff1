import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { SchemaObject } from 'ajv';
import { closestName } from './closest-name';
import {
  CRON_PATTERN,
  ENV_PREFIXES,
  ENV_SCHEMA,
  ENV_VARS,
  URL_PATTERN,
  type EnvName,
  type EnvVarSpec,
} from './env-schema';
import { RuntimeConfigError, RuntimeConfigErrorCode } from './runtime-config.exception';

/** The environment after parsing: every known variable checked, defaults filled in, numbers and flags typed. */
export interface RuntimeEnv {
  /** A number variable; its default when unset (undefined only for one without a default). */
  number(name: EnvName): number | undefined;
  string(name: EnvName): string | undefined;
  boolean(name: EnvName): boolean;
  /** Whether the variable was set (not empty) rather than defaulted. */
  isSet(name: EnvName): boolean;
}

const SPECS = ENV_VARS as Readonly<Record<string, EnvVarSpec>>;
const KNOWN = Object.keys(SPECS);

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: true, coerceTypes: true, useDefaults: true }).compile(ENV_SCHEMA);
  return compiled;
}

/** What a variable's schema asks for, in words. */
function expected(schema: SchemaObject): string {
  const min = typeof schema['minimum'] === 'number' ? ` ≥ ${schema['minimum']}` : '';
  if (Array.isArray(schema['enum'])) return `one of ${(schema['enum'] as unknown[]).join(', ')}`;
  if (schema['type'] === 'integer') return `a whole number${min}`;
  if (schema['type'] === 'number') return `a number${min}`;
  if (schema['type'] === 'boolean') return 'true or false (or 1 / 0)';
  if (schema['pattern'] === URL_PATTERN) return 'a URL (scheme://…)';
  if (schema['pattern'] === CRON_PATTERN) return 'a cron expression of 5 or 6 fields';
  if (schema['pattern'] !== undefined) return `text matching ${String(schema['pattern'])}`;
  return 'not empty';
}

/** Flags come as true/false or 1/0 in any case; JSON Schema's coercion knows only true/false. */
function normalise(name: string, raw: string): string {
  const value = raw.trim();
  if (SPECS[name]?.schema['type'] !== 'boolean') return value;
  const lower = value.toLowerCase();
  return lower === '1' ? 'true' : lower === '0' ? 'false' : lower;
}

function problemOf(e: ErrorObject, env: NodeJS.ProcessEnv): string {
  const name = e.instancePath.replace(/^\//, '');
  return `${name}="${env[name] ?? ''}": expected ${expected(SPECS[name]?.schema ?? {})}`;
}

/**
 * Parses the project's environment: every known variable (ENV_VARS) is checked against its schema and typed, empty
 * means unset, and a variable with a project prefix that is not known fails with the closest known name. Throws
 * RuntimeConfigError listing every problem at once, so one start shows all of them.
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): RuntimeEnv {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  let unknown = false;
  for (const [name, raw] of Object.entries(env)) {
    if (SPECS[name]) {
      if (raw !== undefined && raw.trim() !== '') values[name] = normalise(name, raw);
    } else if (ENV_PREFIXES.some((p) => name.startsWith(p))) {
      unknown = true;
      problems.push(`${name} is not a known setting; did you mean ${closestName(name, KNOWN)}?`);
    }
  }
  const set = new Set(Object.keys(values));
  const validate = validator();
  if (!validate(values)) problems.push(...(validate.errors ?? []).map((e) => problemOf(e, env)));
  const key = values['SECRETS_KEY'];
  if (typeof key === 'string' && Buffer.from(key, 'base64').length !== 32)
    problems.push('SECRETS_KEY: expected 32 random bytes in base64 (openssl rand -base64 32)');
  if (problems.length > 0)
    throw new RuntimeConfigError(
      unknown ? RuntimeConfigErrorCode.UnknownVariable : RuntimeConfigErrorCode.InvalidValue,
      problems,
    );

  const typed = <T>(name: EnvName, type: string): T | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    if (typeof v !== type) throw new TypeError(`${name} is a ${typeof v}, not a ${type}`);
    return v as T;
  };
  return {
    number: (name) => typed<number>(name, 'number'),
    string: (name) => typed<string>(name, 'string'),
    boolean: (name) => typed<boolean>(name, 'boolean') ?? false,
    isSet: (name) => set.has(name),
  };
}
