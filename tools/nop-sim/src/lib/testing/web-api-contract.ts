/**
 * What the official Web API Backend v1.06 OpenAPI document gets wrong for the versions in use, from the reference
 * notes (nopcommerce-web-api.md), and a validator for its schemas. Shared by the simulator's contract tests and the
 * client's request checks; written apart from the simulator's own field lists, so neither can drift silently.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type Json = Record<string, unknown>;
export interface Schema extends Json {
  properties?: Record<string, Json>;
  required?: string[];
}
export type ContractVersion = '4.60' | '4.70' | '4.80';

const int32 = { type: 'integer', format: 'int32' };
const str = { type: 'string', nullable: true };

/** Applies the 4.60/4.70/4.80 deltas to a copy of v1.06's component schemas. */
export function versionSchemas(v106: Record<string, Schema>, version: ContractVersion): Record<string, Schema> {
  const schemas = structuredClone(v106);
  const props = (name: string): Record<string, Json> => {
    const properties = schemas[name]?.properties;
    if (!properties) throw new Error(`the document has no ${name} properties to amend`);
    return properties;
  };
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
    first_name: str,
    last_name: str,
    gender: str,
    date_of_birth: { type: 'string', format: 'date-time', nullable: true },
    company: str,
    street_address: str,
    street_address2: str,
    zip_postal_code: str,
    city: str,
    county: str,
    country_id: int32,
    state_province_id: int32,
    phone: str,
    fax: str,
    vat_number: str,
    vat_number_status_id: int32,
    time_zone_id: str,
    custom_customer_attributes_xml: str,
    currency_id: { ...int32, nullable: true },
    language_id: { ...int32, nullable: true },
    tax_display_type_id: { ...int32, nullable: true },
  });
  // §2.2: discounts carry is_active (4.60+).
  props('DiscountDto').is_active = { type: 'boolean' };
  schemas.ProductAttributeCombinationPictureDto = pictureMapping('product_attribute_combination_id');
  return schemas;
}

/** A 4.70+ picture mapping row (§2.4): the owner's id, the picture's and its own. */
export function pictureMapping(owner: string): Schema {
  return { type: 'object', additionalProperties: false, properties: { [owner]: int32, picture_id: int32, id: int32 } };
}

/**
 * The operation a call is: `extra` (routes the document lacks or gets wrong, as `"<verb> <template>"` keys) before
 * the document's `paths`. Literal segments beat parameters, as in ASP.NET routing; the query string plays no part.
 */
export function findOperation<Op, Extra>(
  method: string,
  path: string,
  paths: Record<string, Record<string, Op>>,
  extra: Record<string, Extra>,
): { key: string; op?: Op; extra?: Extra } | undefined {
  const m = method.toLowerCase();
  const pathOnly = path.split('?')[0];
  const templates = [...Object.keys(paths), ...Object.keys(extra).map((k) => k.slice(k.indexOf(' ') + 1))];
  const matching = templates
    .filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i').test(pathOnly))
    .sort((a, b) => (a.match(/\{/g) ?? []).length - (b.match(/\{/g) ?? []).length);
  for (const template of matching) {
    const key = `${m} ${template}`;
    if (key in extra) return { key, extra: extra[key] };
    const op = paths[template]?.[m];
    if (op) return { key, op };
  }
  return undefined;
}

/** Validates values against the schemas (`$ref`s to `#/components/schemas/…` resolve among them). */
export class ContractSchemas {
  readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(schemas: Record<string, Schema>) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // nop takes and returns DB dates without a zone (§2, "Dates"; echoed so in whole-row updates); RFC 3339 demands one.
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/);
    this.ajv.addSchema({ $id: 'nop', components: { schemas } });
  }

  compile(schema: Json): ValidateFunction {
    const text = JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"nop#/components/schemas/');
    let fn = this.cache.get(text);
    if (!fn) {
      fn = this.ajv.compile(JSON.parse(text) as Json);
      this.cache.set(text, fn);
    }
    return fn;
  }
}
