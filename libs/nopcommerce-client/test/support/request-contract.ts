/**
 * What the client sends, checked against the official Web API Backend OpenAPI v1.06 document: the request side
 * (paths, verbs and JSON request schemas of the controllers the client uses) is extracted into
 * ../fixtures/nop-web-api-backend-v1.06.requests.json from /work/shared/reference/nopcommerce-web-api-backend-v1.06.openapi.json.
 * The 4.60/4.70 deltas the reference notes document (nopcommerce-web-api.md §2.1, §2.2, §2.4, §2.9) are overlaid by
 * nop-sim's contract support (the same the simulator is checked against); the routes and §2.7 here, each with its
 * section.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ContractSchemas,
  findOperation,
  versionSchemas,
  type ContractVersion,
  type Json,
  type Schema,
} from '@pcknop/nop-sim/testing';
import type { RecordedExchange } from './recording-proxy';

type Operation = { requestBody?: { content: Record<string, { schema: Json }> } };
export type Version = ContractVersion;

const doc = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/nop-web-api-backend-v1.06.requests.json'), 'utf8'),
) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** Operations the v1.06 document lacks or declares with another verb, by version (each with its reason). */
const EXTRA: Record<string, Json | null> = {
  // §2.1, §2.2: 4.70 made these DELETE.
  'delete /api-backend/Product/DeleteProducts/{ids}': null,
  'delete /api-backend/ProductDiscounts/ClearDiscountProductMapping/{discountId}': null,
  // §2.4: 4.70+ combination picture rows.
  'post /api-backend/ProductAttributeCombinationPictures/Create': {
    $ref: '#/components/schemas/ProductAttributeCombinationPictureDto',
  },
  'get /api-backend/ProductAttributeCombinationPictures/GetAll/combinationId': null,
};

export class RequestContract {
  private readonly schemas: ContractSchemas;

  constructor(readonly version: Version) {
    this.schemas = new ContractSchemas(versionSchemas(doc.components.schemas, version));
    // What the client sends must fit .NET's number types exactly.
    const ajv = this.schemas.ajv;
    ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
    });
    ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
    ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  }

  /** Problems with one request: an undocumented route or verb, a body where none is documented, a body off its schema. */
  check(x: Pick<RecordedExchange, 'method' | 'path' | 'contentType' | 'body'>): string[] {
    if (!x.path.startsWith('/api-backend/')) return []; // the swagger version endpoint and the like
    const where = `${x.method} ${x.path}`;
    const found = findOperation(x.method, x.path, doc.paths, EXTRA);
    if (!found) return [`${where}: no documented operation`];
    const multipart = x.contentType.toLowerCase().startsWith('multipart/form-data');
    if (found.key === 'put /api-backend/Picture/InsertPicture' && this.version !== '4.60') {
      // §2.7: 4.70+ take [FromForm] IFormFile fileBinary instead of v1.06's base64 JSON string.
      return multipart && x.body.toString('latin1').includes('name="fileBinary"')
        ? []
        : [`${where}: 4.70+ expects multipart with fileBinary`];
    }
    if (multipart) return [`${where}: multipart body not documented`];
    const schema = found.op ? found.op.requestBody?.content['application/json']?.schema : (found.extra ?? undefined);
    if (x.body.length === 0) return [];
    if (!schema) return [`${where}: a body sent to an operation that takes none`];
    if (!x.contentType.toLowerCase().startsWith('application/json')) return [`${where}: content-type ${x.contentType}`];
    let value: unknown;
    try {
      value = JSON.parse(x.body.toString('utf8'));
    } catch {
      return [`${where}: body is not JSON`];
    }
    const fn = this.schemas.compile(schema);
    return fn(value)
      ? []
      : (fn.errors ?? []).map(
          (e) => `${where} (${found.key}): ${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
  }

  checkAll(xs: Array<Pick<RecordedExchange, 'method' | 'path' | 'contentType' | 'body'>>): string[] {
    return xs.flatMap((x) => this.check(x));
  }
}
