/**
 * The OpenAPI contract the simulator is checked against: the official Web API Backend v1.06 document
 * (subset of paths, all component schemas, in ../fixtures), plus the version deltas the reference notes
 * document for 4.60/4.70/4.80 (nopcommerce-web-api.md §2.1, §2.4, §2.9, §2.10). The overlay is written
 * here, independently of the simulator's own field lists, so neither can drift silently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface Schema extends Json {
  properties?: Record<string, Json>;
  required?: string[];
}
interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}

export type Version = '4.60' | '4.70' | '4.80';

const doc = JSON.parse(readFileSync(join(__dirname, '../fixtures/nop-web-api-backend-v1.06.subset.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const int32 = { type: 'integer', format: 'int32' };
const str = { type: 'string', nullable: true };

function overlaySchemas(version: Version): Record<string, Schema> {
  const schemas = structuredClone(doc.components.schemas);
  const modern = version !== '4.60';
  const props = (name: string): Record<string, Json> => schemas[name]!.properties!;
  // §2.10: GetToken adds customer_guid from 4.70 on.
  if (modern) props('AuthenticateResponse').customer_guid = { type: 'string', format: 'uuid' };
  // §2.1: 4.70 dropped the telecom flag and added display_attribute_combination_images_only.
  if (modern) {
    delete props('ProductDto').is_telecommunications_or_broadcasting_or_electronic_services;
    props('ProductDto').display_attribute_combination_images_only = { type: 'boolean' };
    // §2.4: combination and value pictures moved to their own tables.
    delete props('ProductAttributeCombinationDto').picture_id;
    delete props('ProductAttributeValueDto').picture_id;
  }
  // §2.9: 4.60+ keeps the customer profile in customer columns.
  Object.assign(props('CustomerDto'), {
    first_name: str, last_name: str, gender: str, date_of_birth: { type: 'string', format: 'date-time', nullable: true },
    company: str, street_address: str, street_address2: str, zip_postal_code: str, city: str, county: str,
    country_id: int32, state_province_id: int32, phone: str, fax: str, vat_number: str, vat_number_status_id: int32,
    time_zone_id: str, custom_customer_attributes_xml: str, currency_id: { ...int32, nullable: true },
    language_id: { ...int32, nullable: true }, tax_display_type_id: { ...int32, nullable: true },
  });
  // §2.2: discounts carry is_active (4.60+).
  props('DiscountDto').is_active = { type: 'boolean' };
  const mapping = (a: string): Schema => ({
    type: 'object',
    additionalProperties: false,
    properties: { [a]: int32, picture_id: int32, id: int32 },
  });
  schemas.ProductAttributeCombinationPictureDto = mapping('product_attribute_combination_id');
  schemas.ProductAttributeValuePictureDto = mapping('product_attribute_value_id');
  // Bodies the notes define and the OpenAPI leaves out (§1.2, §2 "Errors").
  schemas.SimAuthError = { type: 'object', required: ['message'], additionalProperties: false, properties: { message: { type: 'string' } } };
  schemas.SimErrorBody = {
    type: 'object',
    required: ['message', 'inner_exception_message', 'stack_trace'],
    additionalProperties: false,
    properties: { message: { type: 'string' }, inner_exception_message: str, stack_trace: { type: 'string' } },
  };
  return schemas;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const arrayOf = (name: string): Json => ({ type: 'array', items: ref(name) });

/**
 * 200 schemas for routes the v1.06 document lacks (4.70+) or gets wrong. Each entry says why.
 */
const EXTRA_200: Record<string, Json | null> = {
  // 4.70+ tables (§2.4, §2.7).
  'post /api-backend/ProductAttributeCombinationPictures/Create': ref('ProductAttributeCombinationPictureDto'),
  'get /api-backend/ProductAttributeCombinationPictures/GetAll/combinationId': arrayOf('ProductAttributeCombinationPictureDto'),
  'post /api-backend/ProductAttributeValuePicture/Create': ref('ProductAttributeValuePictureDto'),
  'get /api-backend/ProductAttributeValuePicture/GetAll/valueId': arrayOf('ProductAttributeValuePictureDto'),
  // 4.70: DeleteProducts and ClearDiscountProductMapping became DELETE (§2.1, §2.2).
  'delete /api-backend/Product/DeleteProducts/{ids}': null,
  'delete /api-backend/ProductDiscounts/ClearDiscountProductMapping/{discountId}': null,
  // v1.06 declares ShipmentDto for ShipmentItem/Create, which creates and returns a shipment item.
  'post /api-backend/ShipmentItem/Create': ref('ShipmentItemDto'),
  // v1.06 declares 200 as "string" and 404 as the id array for GetCustomerRoleIds: swapped.
  'get /api-backend/CustomerRole/GetCustomerRoleIds/{customerId}': { type: 'array', items: int32 },
  // Documented without a 200 body schema; the mapping is written and an empty 200 returned.
  'post /api-backend/CustomerRole/AddCustomerRoleMapping': null,
};

interface OpMatch {
  key: string;
  op: Operation | undefined;
}

function matchOperation(method: string, path: string): OpMatch | undefined {
  const m = method.toLowerCase();
  const pathOnly = path.split('?')[0]!;
  const candidates = [...Object.keys(doc.paths), ...Object.keys(EXTRA_200).map((k) => k.split(' ')[1]!)];
  // Literal segments beat parameters, as in ASP.NET routing.
  const scored = candidates
    .map((template) => {
      const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i');
      return { template, ok: re.test(pathOnly), params: (template.match(/\{/g) ?? []).length };
    })
    .filter((c) => c.ok)
    .sort((a, b) => a.params - b.params);
  for (const c of scored) {
    const key = `${m} ${c.template}`;
    if (key in EXTRA_200) return { key, op: undefined };
    const op = doc.paths[c.template]?.[m];
    if (op) return { key, op };
  }
  return undefined;
}

export class Contract {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly version: Version) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // nop returns DB dates without a zone (§2, "Dates"); RFC 3339 date-time would demand one.
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/);
    this.ajv.addSchema({ $id: 'nop', components: { schemas: overlaySchemas(version) } });
  }

  private compile(schema: Json): ValidateFunction {
    const text = JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"nop#/components/schemas/');
    let fn = this.cache.get(text);
    if (!fn) {
      fn = this.ajv.compile(JSON.parse(text) as Json);
      this.cache.set(text, fn);
    }
    return fn;
  }

  /** Validates against one component schema (e.g. 'ProductDto'). */
  validateSchema(name: string, value: unknown): string[] {
    const fn = this.compile(ref(name));
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  /**
   * Checks a reply against the documented contract: the 200 schema of the matched operation; 404 a JSON
   * string; 401/403 the notes' `{"message"}` bodies (v1.06 annotates them as strings, §1.2 shows what the
   * filters actually return); 400/500 the error-middleware object or an ASP.NET ProblemDetails.
   */
  check(method: string, path: string, status: number, body: unknown, hasBody: boolean): string[] {
    const match = matchOperation(method, path);
    if (!match) return [`no documented operation for ${method} ${path}`];
    const errs = (schema: Json): string[] => {
      const fn = this.compile(schema);
      return fn(body) ? [] : (fn.errors ?? []).map((e) => `${match.key} ${status}: ${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    };
    switch (status) {
      case 200: {
        const schema = match.op ? match.op.responses['200']?.content?.['application/json']?.schema : EXTRA_200[match.key];
        if (schema === undefined || schema === null) return hasBody ? [`${match.key}: expected an empty 200, got a body`] : [];
        return errs(schema);
      }
      case 204:
        return hasBody ? [`${match.key}: 204 with a body`] : [];
      case 404:
        return errs({ type: 'string' });
      case 401:
        return path.toLowerCase().includes('/authenticate/gettoken') ? errs({ type: 'string' }) : errs(ref('SimAuthError'));
      case 403:
        return errs(ref('SimAuthError'));
      case 400:
        return typeof body === 'object' && body !== null && 'message' in body ? errs(ref('SimErrorBody')) : errs(ref('ProblemDetails'));
      case 415:
        return errs(ref('ProblemDetails'));
      case 500:
        return errs(ref('SimErrorBody'));
      case 503:
        return hasBody ? ['503 from the rate limiter has no body'] : [];
      default:
        return [`${match.key}: undocumented status ${status}`];
    }
  }

  /** Request bodies: what the client sends must fit the documented request schema. */
  checkRequest(name: string, body: unknown): string[] {
    return this.validateSchema(name, body);
  }
}
