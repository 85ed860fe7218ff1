import type { SchemaObject } from 'ajv';
import { OWNABLE_FIELDS, PRODUCT_RULE_FIELDS, VARIANT_RULE_FIELDS } from './mapping-profile';

/**
 * JSON Schema (draft-07) of a mapping profile, schemaVersion 1. Every `default` here IS the documented default
 * profile (the classic integration): validation with ajv's `useDefaults` fills in whatever a tenant left out.
 */

const textSources = ['name', 'subtitle', 'description', 'info1', 'info2', 'info3'];

const textMapping = (from: string[]): SchemaObject => ({
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    from: { type: 'array', items: { enum: textSources }, uniqueItems: true, default: from },
    separator: { type: 'string', maxLength: 20, default: ' ' },
  },
});

const owner: SchemaObject = { enum: ['pck', 'shop'] };

const ruleMap = (fields: readonly string[]): SchemaObject => ({
  type: 'object',
  default: {},
  propertyNames: { enum: [...fields] },
  additionalProperties: { type: 'string', minLength: 1, maxLength: 4000 },
});

export const MAPPING_PROFILE_SCHEMA: SchemaObject = {
  $id: 'https://pcknop.dev/schemas/mapping-profile-v1.json',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion'],
  properties: {
    schemaVersion: { const: 1 },
    revision: { type: 'integer', minimum: 0, default: 1 },
    label: { type: 'string', maxLength: 200, default: '' },
    timeZone: { type: 'string', minLength: 1, default: 'Europe/Oslo' },
    articles: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        sku: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            source: { enum: ['articleNo', 'articleId'], default: 'articleNo' },
            prefix: { type: 'string', maxLength: 50, default: '' },
          },
        },
        text: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            name: textMapping(['name']),
            shortDescription: textMapping(['subtitle']),
            fullDescription: {
              ...textMapping(['description']),
              properties: {
                ...(textMapping(['description']).properties as Record<string, SchemaObject>),
                separator: { type: 'string', maxLength: 20, default: '\n\n' },
                html: { type: 'boolean', default: true },
              },
            },
          },
        },
        publish: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            requireVisibleOnWeb: { type: 'boolean', default: true },
            unpublishStatuses: {
              type: 'array',
              items: { enum: ['passive', 'expired', 'blocked'] },
              uniqueItems: true,
              default: ['passive', 'expired', 'blocked'],
            },
            honourHideWhenOutOfStock: { type: 'boolean', default: true },
            removal: { enum: ['unpublish', 'delete'], default: 'unpublish' },
          },
        },
        price: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            source: { enum: ['salesPrice', 'storePrice', 'alternativePrice'], default: 'salesPrice' },
            shopPricesIncludeVat: { type: 'boolean', default: true },
            productCost: { enum: ['costPrice', 'purchasePrice', 'none'], default: 'costPrice' },
          },
        },
        offer: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            enabled: { type: 'boolean', default: true },
            showRegularPriceAsOldPrice: { type: 'boolean', default: true },
            inclusiveToDate: { type: 'boolean', default: true },
          },
        },
        gtin: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: { pick: { enum: ['first', 'firstValid'], default: 'first' } },
        },
        measures: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            weight: { type: 'boolean', default: true },
            dimensions: { type: 'boolean', default: true },
            weightFactor: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$', default: '1' },
            dimensionFactor: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$', default: '1' },
          },
        },
        manufacturer: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: { enabled: { type: 'boolean', default: true } },
        },
        unitPricing: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            enabled: { type: 'boolean', default: false },
            measureIds: {
              type: 'object',
              default: {},
              propertyNames: { minLength: 1, maxLength: 20 },
              additionalProperties: { type: 'integer', minimum: 1 },
            },
          },
        },
        stock: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            subtractWebstockLimit: { type: 'boolean', default: true },
            manageStock: { type: 'boolean', default: true },
          },
        },
      },
    },
    vat: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        rates: {
          type: 'object',
          // Norway's rates in 2025: general 25, food 15, transport/cinema/hotel 12, exempt 0. The ids assume the
          // shop has tax categories created in that order ("MVA 25 %" = 1 …); every tenant should check them.
          default: { '25': 1, '15': 2, '12': 3, '0': 4 },
          minProperties: 1,
          propertyNames: { pattern: '^(100|[0-9]{1,2})(\\.[0-9]{1,4})?$' },
          additionalProperties: { type: 'integer', minimum: 1 },
        },
      },
    },
    variants: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        mode: { enum: ['separateProducts', 'attributeCombinations'], default: 'separateProducts' },
        skuTemplate: { type: 'string', minLength: 1, maxLength: 200, default: '{sku}-{sizeColorId}' },
        nameTemplate: { type: 'string', minLength: 1, maxLength: 400, default: '{name} {color} {size}' },
        unpublishDiscontinued: { type: 'boolean', default: true },
      },
    },
    groups: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        source: { enum: ['articleGroups', 'webGroups', 'off'], default: 'webGroups' },
        link: { enum: ['deepest', 'allLevels'], default: 'deepest' },
      },
    },
    images: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        enabled: { type: 'boolean', default: true },
        colorImagesToVariants: { type: 'boolean', default: true },
      },
    },
    orders: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        customerMode: { enum: ['singleCustomer', 'customerPerOrder'], default: 'singleCustomer' },
        webshopCustomerId: { type: 'integer', minimum: 1 },
        freightDescription: { type: 'string', maxLength: 100, default: 'Frakt' },
        feeDescription: { type: 'string', maxLength: 100, default: 'Gebyr' },
        paymentMethods: {
          type: 'object',
          default: {},
          propertyNames: { minLength: 1, maxLength: 200 },
          additionalProperties: { enum: ['prepaid', 'cod', 'credit'] },
        },
        defaultPaymentKind: { enum: ['prepaid', 'cod', 'credit'], default: 'prepaid' },
        referenceTemplate: { type: 'string', maxLength: 200, default: 'Webordre {customOrderNumber}' },
        pickupShippingMethods: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
          default: [],
        },
      },
      if: { properties: { customerMode: { const: 'singleCustomer' } } },
      then: { required: ['webshopCustomerId'], properties: { webshopCustomerId: true } },
    },
    ownership: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        default: { ...owner, default: 'pck' },
        fields: {
          type: 'object',
          default: {},
          propertyNames: { enum: [...OWNABLE_FIELDS] },
          additionalProperties: owner,
        },
      },
    },
    rules: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        timeoutMs: { type: 'integer', minimum: 1, maximum: 5000, default: 500 },
        maxDepth: { type: 'integer', minimum: 10, maximum: 2000, default: 300 },
        product: ruleMap(Object.keys(PRODUCT_RULE_FIELDS)),
        variant: ruleMap(Object.keys(VARIANT_RULE_FIELDS)),
      },
    },
  },
};
