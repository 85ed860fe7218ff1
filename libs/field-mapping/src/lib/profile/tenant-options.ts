import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { SchemaObject } from 'ajv';
import { FieldMappingError, FieldMappingErrorCode, type ProfileIssue } from '../field-mapping.exception';
import type { MappingProfile } from './mapping-profile';
import { parseProfile } from './validate-profile';

/**
 * A tenant's options: the switches a technician sets with the shop owner in «Webshop oppsett». Every key is
 * optional; one that is set wins over the same setting in the tenant's mapping profile, so the common choices
 * need no profile at all. Stored as the tenant's `options` JSON.
 */
export interface TenantOptions {
  /** Which PCK groups become shop categories: varegrupper (article groups), webgrupper (web groups) or none. */
  groupSource?: 'varegrupper' | 'webgrupper' | 'none';
  /** Send pictures to the shop. */
  images?: boolean;
  /** Sizes/colours as own products, or as attribute combinations of one product. */
  variantMode?: 'ownProducts' | 'combinations';
  /** Orders under one «Webshop kunde» (needs `webshopCustomerId`), or a new PCK customer per order. */
  customerMode?: 'webshopCustomer' | 'customerPerOrder';
  /** PCK customer id of «Webshop kunde». */
  webshopCustomerId?: number;
  /** What an article removed in PCK becomes in the shop. */
  removal?: 'unpublish' | 'delete';
  /** ISO 4217 code of the shop's prices (default NOK). */
  currency?: string;
  /** Flush policy overrides for this tenant (the scheduler's BATCH_* settings otherwise). */
  flush?: { maxDelayMs?: number; maxBatchSize?: number; quietMs?: number };
  /**
   * Opt-in: when paid orders are staged, the scheduler calls PCK's trigger URL (`baseUrl`, default PCK's
   * QueueGetOrders) with `licenceno` so the till fetches them without a click on «Oppfrisk».
   */
  orderTrigger?: { enabled: boolean; baseUrl?: string; licenceNo?: string | number };
}

/** JSON Schema 2020-12 of TenantOptions: what the admin API validates and publishes in its OpenAPI document. */
export const TENANT_OPTIONS_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    groupSource: { enum: ['varegrupper', 'webgrupper', 'none'], description: 'PCK groups that become shop categories' },
    images: { type: 'boolean', description: 'send pictures to the shop' },
    variantMode: {
      enum: ['ownProducts', 'combinations'],
      description: 'sizes/colours as own products or as attribute combinations',
    },
    customerMode: {
      enum: ['webshopCustomer', 'customerPerOrder'],
      description: 'orders under «Webshop kunde» or a new customer per order',
    },
    webshopCustomerId: {
      type: 'integer',
      minimum: 1,
      maximum: 2147483647,
      description: 'PCK customer id of «Webshop kunde»',
    },
    removal: { enum: ['unpublish', 'delete'], description: 'what an article removed in PCK becomes' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency of the shop prices' },
    flush: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxDelayMs: { type: 'integer', minimum: 0, maximum: 3_600_000 },
        maxBatchSize: { type: 'integer', minimum: 1, maximum: 5000 },
        quietMs: { type: 'integer', minimum: 0, maximum: 600_000 },
      },
    },
    orderTrigger: {
      type: 'object',
      additionalProperties: false,
      required: ['enabled'],
      description: "call PCK's order trigger URL when paid orders are staged",
      properties: {
        enabled: { type: 'boolean' },
        baseUrl: { type: 'string', pattern: '^https?://', description: "default PCK's QueueGetOrders URL" },
        licenceNo: {
          oneOf: [
            { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' },
            { type: 'integer', minimum: 0 },
          ],
          description: "PCK's licence number",
        },
      },
      if: { properties: { enabled: { const: true } } },
      then: { required: ['licenceNo'], properties: { licenceNo: true } },
    },
  },
  if: { properties: { customerMode: { const: 'webshopCustomer' } }, required: ['customerMode'] },
  then: { required: ['webshopCustomerId'], properties: { webshopCustomerId: true } },
};

const KNOWN = Object.keys(TENANT_OPTIONS_SCHEMA['properties'] as object);

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: true }).compile(TENANT_OPTIONS_SCHEMA);
  return compiled;
}

function describe(e: ErrorObject): ProfileIssue {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known =
        e.instancePath === ''
          ? KNOWN
          : Object.keys(
              ((TENANT_OPTIONS_SCHEMA['properties'] as Record<string, SchemaObject>)[e.instancePath.slice(1)]?.[
                'properties'
              ] ?? {}) as object,
            );
      return { path: `${e.instancePath}/${key}`, message: `unknown option "${key}" (known: ${known.join(', ')})` };
    }
    case 'required':
      return {
        path: `${e.instancePath}/${String(params['missingProperty'])}`,
        message:
          params['missingProperty'] === 'licenceNo'
            ? 'is required when the order trigger is enabled'
            : params['missingProperty'] === 'webshopCustomerId'
              ? 'is required when customerMode is "webshopCustomer"'
              : 'is required',
      };
    case 'enum':
      return {
        path: e.instancePath,
        message: `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path: e.instancePath || '/', message: e.message ?? 'is invalid' };
  }
}

export type OptionsValidation = { ok: true; options: TenantOptions } | { ok: false; issues: ProfileIssue[] };

/** Checks options strictly (unknown keys refused): what the admin API does with what a technician sends. */
export function validateTenantOptions(input: unknown): OptionsValidation {
  const validate = validator();
  if (validate(input)) return { ok: true, options: input as TenantOptions };
  return { ok: false, issues: (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describe) };
}

/**
 * The options of a stored tenant. Keys this version does not know (written before options had a schema) are
 * ignored rather than taking the tenant down; anything else invalid throws INVALID_OPTIONS.
 */
export function readTenantOptions(stored: unknown): TenantOptions {
  const raw =
    typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const known = Object.fromEntries(Object.entries(raw).filter(([k]) => KNOWN.includes(k)));
  const r = validateTenantOptions(known);
  if (r.ok) return r.options;
  throw new FieldMappingError(
    FieldMappingErrorCode.INVALID_OPTIONS,
    { detail: r.issues.map((i) => `${i.path}: ${i.message}`).join('; ') },
    r.issues,
  );
}

const GROUP_SOURCE = { varegrupper: 'articleGroups', webgrupper: 'webGroups', none: 'off' } as const;
const VARIANT_MODE = { ownProducts: 'separateProducts', combinations: 'attributeCombinations' } as const;

/**
 * THE tenant profile: the stored mapping profile (or the documented default) with the tenant's options laid over
 * it, validated with every default filled in. Without any «Webshop kunde» id, orders go customer-per-order.
 * The gateway, the scheduler and reconciliation all read a tenant through this one function.
 */
export function resolveTenantProfile(tenant: { mappingProfile: unknown; options: unknown }): MappingProfile {
  const options = readTenantOptions(tenant.options);
  const base =
    tenant.mappingProfile === null || tenant.mappingProfile === undefined
      ? { schemaVersion: 1 }
      : tenant.mappingProfile;
  const draft = structuredClone(base) as Record<string, Record<string, unknown>>;
  const section = (name: string): Record<string, unknown> => {
    const s = draft[name];
    if (typeof s === 'object' && s !== null && !Array.isArray(s)) return s;
    draft[name] = {};
    return draft[name];
  };
  if (options.groupSource) section('groups')['source'] = GROUP_SOURCE[options.groupSource];
  if (options.images !== undefined) section('images')['enabled'] = options.images;
  if (options.variantMode) section('variants')['mode'] = VARIANT_MODE[options.variantMode];
  if (options.removal) {
    const articles = section('articles');
    const publish =
      typeof articles['publish'] === 'object' && articles['publish'] !== null
        ? (articles['publish'] as Record<string, unknown>)
        : {};
    articles['publish'] = { ...publish, removal: options.removal };
  }
  const orders = section('orders');
  if (options.webshopCustomerId !== undefined) orders['webshopCustomerId'] = options.webshopCustomerId;
  if (options.customerMode === 'customerPerOrder') orders['customerMode'] = 'customerPerOrder';
  else if (options.customerMode === 'webshopCustomer') orders['customerMode'] = 'singleCustomer';
  else if (orders['customerMode'] === undefined && orders['webshopCustomerId'] === undefined)
    orders['customerMode'] = 'customerPerOrder';
  return parseProfile(draft);
}
