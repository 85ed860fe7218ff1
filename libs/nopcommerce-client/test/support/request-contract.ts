/**
 * What the client sends, checked against the official Web API Backend OpenAPI v1.06 document: the request side
 * (paths, verbs and JSON request schemas of the controllers the client uses) is extracted into
 * ../fixtures/nop-web-api-backend-v1.06.requests.json from /work/shared/reference/nopcommerce-web-api-backend-v1.06.openapi.json.
 * The 4.60/4.70 deltas the reference notes document (nopcommerce-web-api.md §2.1, §2.2, §2.4, §2.7, §2.9) are
 * overlaid here, each with its section.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { RecordedExchange } from './recording-proxy';

type Json = Record<string, unknown>;
interface Schema extends Json {
  properties?: Record<string, Json>;
}
type Operation = { requestBody?: { content: Record<string, { schema: Json }> } };
export type Version = '4.60' | '4.70' | '4.80';

const doc = JSON.parse(readFileSync(join(__dirname, '../fixtures/nop-web-api-backend-v1.06.requests.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const int32 = { type: 'integer', format: 'int32' };
const str = { type: 'string', nullable: true };

function overlay(version: Version): Record<string, Schema> {
  const schemas = structuredClone(doc.components.schemas);
  const props = (name: string): Record<string, Json> => schemas[name]!.properties!;
  if (version !== '4.60') {
    // §2.1: 4.70 dropped the telecom flag and added display_attribute_combination_images_only.
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
  const mapping = (a: string): Schema => ({ type: 'object', additionalProperties: false, properties: { [a]: int32, picture_id: int32, id: int32 } });
  schemas.ProductAttributeCombinationPictureDto = mapping('product_attribute_combination_id');
  return schemas;
}

/** Operations the v1.06 document lacks or declares with another verb, by version (each with its reason). */
const EXTRA: Record<string, Json | null> = {
  // §2.1, §2.2: 4.70 made these DELETE.
  'delete /api-backend/Product/DeleteProducts/{ids}': null,
  'delete /api-backend/ProductDiscounts/ClearDiscountProductMapping/{discountId}': null,
  // §2.4: 4.70+ combination picture rows.
  'post /api-backend/ProductAttributeCombinationPictures/Create': { $ref: '#/components/schemas/ProductAttributeCombinationPictureDto' },
  'get /api-backend/ProductAttributeCombinationPictures/GetAll/combinationId': null,
};

function findOperation(method: string, path: string): { key: string; op?: Operation; extra?: Json | null } | undefined {
  const m = method.toLowerCase();
  const templates = [...Object.keys(doc.paths), ...Object.keys(EXTRA).map((k) => k.split(' ')[1]!)];
  const hits = templates
    .filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i').test(path))
    .sort((a, b) => (a.match(/\{/g) ?? []).length - (b.match(/\{/g) ?? []).length);
  for (const t of hits) {
    const key = `${m} ${t}`;
    if (key in EXTRA) return { key, extra: EXTRA[key] };
    const op = doc.paths[t]?.[m];
    if (op) return { key, op };
  }
  return undefined;
}

export class RequestContract {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly version: Version) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // nop takes DB dates without a zone (and echoes them so in whole-row updates); RFC 3339 demands one.
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/);
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
    this.ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addSchema({ $id: 'nop', components: { schemas: overlay(version) } });
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

  /** Problems with one request: an undocumented route or verb, a body where none is documented, a body off its schema. */
  check(x: Pick<RecordedExchange, 'method' | 'path' | 'contentType' | 'body'>): string[] {
    if (!x.path.startsWith('/api-backend/')) return []; // the swagger version endpoint and the like
    const where = `${x.method} ${x.path}`;
    const found = findOperation(x.method, x.path);
    if (!found) return [`${where}: no documented operation`];
    const multipart = x.contentType.toLowerCase().startsWith('multipart/form-data');
    if (found.key === 'put /api-backend/Picture/InsertPicture' && this.version !== '4.60') {
      // §2.7: 4.70+ take [FromForm] IFormFile fileBinary instead of v1.06's base64 JSON string.
      return multipart && x.body.toString('latin1').includes('name="fileBinary"') ? [] : [`${where}: 4.70+ expects multipart with fileBinary`];
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
    const fn = this.compile(schema);
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${where} (${found.key}): ${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  checkAll(xs: Array<Pick<RecordedExchange, 'method' | 'path' | 'contentType' | 'body'>>): string[] {
    return xs.flatMap((x) => this.check(x));
  }
}
