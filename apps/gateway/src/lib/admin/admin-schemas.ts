import type { SchemaObject } from 'ajv';
import { TENANT_OPTIONS_SCHEMA } from '@pcknop/field-mapping';

/** Schemas shared by several route groups (requests are validated with them, the OpenAPI document shows them). */

export const UUID: SchemaObject = { type: 'string', format: 'uuid' };
export const INT_ID: SchemaObject = { type: 'string', pattern: '^[0-9]{1,10}$' };
export const DATE_TIME: SchemaObject = { type: 'string', format: 'date-time' };
export const NULLABLE_DATE_TIME: SchemaObject = { type: ['string', 'null'], format: 'date-time' };

export const LIMIT = (max: number, dflt: number): SchemaObject => ({
  type: 'integer',
  minimum: 1,
  maximum: max,
  default: dflt,
});

export const SHOP_CREDENTIALS: SchemaObject = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['email', 'password'],
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 320 },
    password: { type: 'string', minLength: 1, maxLength: 500 },
  },
  description: 'the shop API user (stored encrypted, never returned); null removes it',
};

export const SHOP_URL: SchemaObject = {
  type: ['string', 'null'],
  pattern: '^https?://[^\\s]+$',
  maxLength: 2000,
  description: 'nopCommerce store URL',
};

export const OPTIONS: SchemaObject = {
  ...TENANT_OPTIONS_SCHEMA,
  description: 'TenantOptions (field-mapping): unknown keys are refused',
};

export const MAPPING_PROFILE_REF: SchemaObject = {
  type: ['object', 'null'],
  description:
    'field-mapping profile (schemaVersion 1), checked by field-mapping validateProfile; see GET /admin/schemas/mapping-profile',
};

export const TENANT_VIEW: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'pckLogin', 'shopUrl', 'hasShopCredentials', 'options', 'active', 'createdAt', 'updatedAt'],
  properties: {
    id: UUID,
    name: { type: 'string' },
    pckLogin: { type: 'integer' },
    shopUrl: { type: ['string', 'null'] },
    hasShopCredentials: { type: 'boolean' },
    mappingProfile: { type: ['object', 'null'] },
    options: { type: 'object' },
    active: { type: 'boolean' },
    createdAt: DATE_TIME,
    updatedAt: DATE_TIME,
  },
};

export const COUNT_RESULT = (name: string): SchemaObject => ({
  type: 'object',
  required: [name],
  properties: { [name]: { type: 'integer' } },
});

/** Selects entities for requeue/dismiss: nothing = every dead letter; `kind`; `keys` (with or without kind). */
export const ENTITY_SELECTION: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', minLength: 1, maxLength: 64 },
    keys: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 512 }, minItems: 1, maxItems: 10_000 },
  },
};
