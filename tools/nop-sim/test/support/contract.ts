/**
 * The OpenAPI contract the simulator is checked against: the official Web API Backend v1.06 document
 * (subset of paths, all component schemas, in ../fixtures), plus the version deltas the reference notes
 * document for 4.60/4.70/4.80 (nopcommerce-web-api.md §2.1, §2.4, §2.9, §2.10). The overlay (src/testing, shared
 * with the client's request checks, and here what only replies carry) is written apart from the simulator's own
 * field lists, so neither can drift silently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ContractSchemas,
  findOperation,
  pictureMapping,
  versionSchemas,
  type ContractVersion,
  type Json,
  type Schema,
} from '../../src/testing';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}

export type Version = ContractVersion;

const doc = JSON.parse(readFileSync(join(__dirname, '../fixtures/nop-web-api-backend-v1.06.subset.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const int32 = { type: 'integer', format: 'int32' };
const str = { type: 'string', nullable: true };

/** The version's schemas (see versionSchemas), plus what only replies carry. */
function overlaySchemas(version: Version): Record<string, Schema> {
  const schemas = versionSchemas(doc.components.schemas, version);
  // §2.10: GetToken adds customer_guid from 4.70 on.
  if (version !== '4.60') schemas.AuthenticateResponse!.properties!.customer_guid = { type: 'string', format: 'uuid' };
  schemas.ProductAttributeValuePictureDto = pictureMapping('product_attribute_value_id');
  // Bodies the notes define and the OpenAPI leaves out (§1.2, §2 "Errors").
  schemas.SimAuthError = {
    type: 'object',
    required: ['message'],
    additionalProperties: false,
    properties: { message: { type: 'string' } },
  };
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
  'get /api-backend/ProductAttributeCombinationPictures/GetAll/combinationId': arrayOf(
    'ProductAttributeCombinationPictureDto',
  ),
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

export class Contract {
  private readonly schemas: ContractSchemas;

  constructor(readonly version: Version) {
    this.schemas = new ContractSchemas(overlaySchemas(version));
  }

  /** Validates against one component schema (e.g. 'ProductDto'). */
  validateSchema(name: string, value: unknown): string[] {
    const fn = this.schemas.compile(ref(name));
    return fn(value)
      ? []
      : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  /**
   * Checks a reply against the documented contract: the 200 schema of the matched operation; 404 a JSON
   * string; 401/403 the notes' `{"message"}` bodies (v1.06 annotates them as strings, §1.2 shows what the
   * filters actually return); 400/500 the error-middleware object or an ASP.NET ProblemDetails.
   */
  check(method: string, path: string, status: number, body: unknown, hasBody: boolean): string[] {
    const match = findOperation(method, path, doc.paths, EXTRA_200);
    if (!match) return [`no documented operation for ${method} ${path}`];
    const errs = (schema: Json): string[] => {
      const fn = this.schemas.compile(schema);
      return fn(body)
        ? []
        : (fn.errors ?? []).map(
            (e) => `${match.key} ${status}: ${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
          );
    };
    switch (status) {
      case 200: {
        const schema = match.op
          ? match.op.responses['200']?.content?.['application/json']?.schema
          : EXTRA_200[match.key];
        if (schema === undefined || schema === null)
          return hasBody ? [`${match.key}: expected an empty 200, got a body`] : [];
        return errs(schema);
      }
      case 204:
        return hasBody ? [`${match.key}: 204 with a body`] : [];
      case 404:
        return errs({ type: 'string' });
      case 401:
        return path.toLowerCase().includes('/authenticate/gettoken')
          ? errs({ type: 'string' })
          : errs(ref('SimAuthError'));
      case 403:
        return errs(ref('SimAuthError'));
      case 400:
        return typeof body === 'object' && body !== null && 'message' in body
          ? errs(ref('SimErrorBody'))
          : errs(ref('ProblemDetails'));
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
