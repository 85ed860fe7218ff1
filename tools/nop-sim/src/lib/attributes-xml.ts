import { XMLParser } from 'fast-xml-parser';

/** mapping id → selected value ids (as strings: text attributes carry free text). */
export type AttributeSelection = Map<number, string[]>;

const MAX_XML = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'ProductAttribute' || name === 'ProductAttributeValue',
});

interface XmlValue {
  Value?: unknown;
}
interface XmlAttribute {
  '@_ID'?: string;
  ProductAttributeValue?: XmlValue[];
}

/**
 * Parses nop's attributes XML
 * (`<Attributes><ProductAttribute ID="m"><ProductAttributeValue><Value>v</Value>…`). Like
 * `ProductAttributeParser`, anything unparseable counts as "no attributes" rather than an error.
 */
export function parseAttributesXml(xml: string | null | undefined): AttributeSelection {
  const out: AttributeSelection = new Map();
  if (!xml || xml.length > MAX_XML || /<!DOCTYPE|<!ENTITY/i.test(xml)) return out;
  let doc: { Attributes?: { ProductAttribute?: XmlAttribute[] } };
  try {
    doc = parser.parse(xml) as typeof doc;
  } catch {
    return out;
  }
  for (const attr of doc.Attributes?.ProductAttribute ?? []) {
    const id = Number.parseInt(String(attr['@_ID'] ?? ''), 10);
    if (!Number.isInteger(id)) continue;
    const values = (attr.ProductAttributeValue ?? []).map((v) => String(v.Value ?? '').trim());
    out.set(id, [...(out.get(id) ?? []), ...values]);
  }
  return out;
}

export function buildAttributesXml(selection: AttributeSelection): string {
  let xml = '<Attributes>';
  for (const [mappingId, values] of selection) {
    xml += `<ProductAttribute ID="${mappingId}">`;
    for (const v of values) xml += `<ProductAttributeValue><Value>${escapeXml(v)}</Value></ProductAttributeValue>`;
    xml += '</ProductAttribute>';
  }
  return `${xml}</Attributes>`;
}

/** `AreProductAttributesEqual`: same mappings, same value sets; element order does not matter. */
export function sameAttributes(a: AttributeSelection, b: AttributeSelection): boolean {
  if (a.size !== b.size) return false;
  for (const [id, values] of a) {
    const other = b.get(id);
    if (!other || other.length !== values.length) return false;
    const sorted = [...values].sort();
    const otherSorted = [...other].sort();
    if (sorted.some((v, i) => v !== otherSorted[i])) return false;
  }
  return true;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
