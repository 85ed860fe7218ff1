import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import jsonata from 'jsonata';
import { Decimal } from 'decimal.js';
import { FieldMappingError, FieldMappingErrorCode, type ProfileIssue } from '../field-mapping.exception';
import type { MappingProfile } from './mapping-profile';
import { MAPPING_PROFILE_SCHEMA } from './mapping-profile.schema';

/** The profile schema versions this library reads. */
export const SUPPORTED_PROFILE_VERSIONS: readonly number[] = [1];

export type ProfileValidation = { ok: true; profile: MappingProfile } | { ok: false; issues: ProfileIssue[] };

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  // Compiled once per process; ajv's generated code is pure.
  compiled ??= new Ajv({ allErrors: true, useDefaults: true, strict: true }).compile(MAPPING_PROFILE_SCHEMA);
  return compiled;
}

function describe(e: ErrorObject): ProfileIssue {
  const params = e.params as Record<string, unknown>;
  let path = e.instancePath || '/';
  let message = e.message ?? 'is invalid';
  switch (e.keyword) {
    case 'enum':
      message = `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      message = `must be ${JSON.stringify(params['allowedValue'])}`;
      break;
    case 'required':
      path = `${e.instancePath}/${String(params['missingProperty'])}`;
      message = 'is required';
      break;
    case 'additionalProperties':
      path = `${e.instancePath}/${String(params['additionalProperty'])}`;
      message = 'is not a known setting';
      break;
    case 'propertyNames':
      path = `${e.instancePath}/${String(params['propertyName'])}`;
      message = 'is not an allowed key here';
      break;
  }
  return { path, message };
}

function timeZoneIsKnown(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Checks the schema cannot express: time zone, duplicate VAT keys, rule syntax. */
function semanticIssues(p: MappingProfile): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  if (!timeZoneIsKnown(p.timeZone)) issues.push({ path: '/timeZone', message: `unknown time zone "${p.timeZone}"` });
  const seen = new Map<string, string>();
  for (const key of Object.keys(p.vat.rates)) {
    const canonical = new Decimal(key).toString();
    const other = seen.get(canonical);
    if (other !== undefined) issues.push({ path: `/vat/rates/${key}`, message: `is the same rate as "${other}"` });
    seen.set(canonical, key);
  }
  for (const group of ['product', 'variant'] as const) {
    for (const [field, expr] of Object.entries(p.rules[group])) {
      try {
        jsonata(expr as string);
      } catch (e) {
        issues.push({ path: `/rules/${group}/${field}`, message: `does not parse: ${(e as Error).message}` });
      }
    }
  }
  return issues;
}

/**
 * Validates a tenant profile and fills in every default. Never throws: problems come back as JSON-pointer
 * addressed issues, e.g. `{ path: '/variants/mode', message: 'must be one of "separateProducts", …' }`.
 */
export function validateProfile(input: unknown): ProfileValidation {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const v = (input as Record<string, unknown>)['schemaVersion'];
    if (typeof v === 'number' && !SUPPORTED_PROFILE_VERSIONS.includes(v)) {
      return {
        ok: false,
        issues: [
          {
            path: '/schemaVersion',
            message: `version ${v} is not supported (known: ${SUPPORTED_PROFILE_VERSIONS.join(', ')})`,
          },
        ],
      };
    }
  }
  // ajv fills defaults in place: work on a copy so the caller's object is left alone.
  const copy: unknown = input === undefined ? undefined : structuredClone(input);
  const validate = validator();
  if (!validate(copy)) {
    // `if` and the inner errors of `propertyNames` only repeat what the outer error says.
    const issues = (validate.errors ?? [])
      .filter((e) => e.keyword !== 'if' && !e.schemaPath.includes('/propertyNames/'))
      .map(describe);
    return { ok: false, issues: dedupe(issues) };
  }
  const profile = copy as MappingProfile;
  const issues = semanticIssues(profile);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, profile: deepFreeze(profile) };
}

/** Like validateProfile, but throws a FieldMappingError(INVALID_PROFILE) listing every issue. */
export function parseProfile(input: unknown): MappingProfile {
  const r = validateProfile(input);
  if (r.ok) return r.profile;
  const detail = r.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new FieldMappingError(FieldMappingErrorCode.INVALID_PROFILE, { detail }, r.issues);
}

/** The documented default profile (the classic integration); the «Webshop kunde» id is the one thing it cannot guess. */
export function defaultProfile(webshopCustomerId: number): MappingProfile {
  return parseProfile({ schemaVersion: 1, orders: { webshopCustomerId } });
}

function dedupe(issues: ProfileIssue[]): ProfileIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
