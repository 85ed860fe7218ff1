/** One selected value per attribute mapping. Ids are mapping ids and value ids, not global attribute ids. */
export interface AttributeSelection {
  mappingId: number;
  valueId: number;
}

/** nop's `attributes_xml` (ProductAttributeParser format). */
export function buildAttributesXml(selections: readonly AttributeSelection[]): string {
  const parts = selections.map(
    (s) =>
      `<ProductAttribute ID="${s.mappingId}"><ProductAttributeValue><Value>${s.valueId}</Value></ProductAttributeValue></ProductAttribute>`,
  );
  return `<Attributes>${parts.join('')}</Attributes>`;
}

/** Mapping→value pairs of an attributes_xml, for order-insensitive comparison. */
export function parseAttributesXml(xml: string | null | undefined): AttributeSelection[] {
  const out: AttributeSelection[] = [];
  if (!xml) return out;
  const attr = /<ProductAttribute\s+ID="(\d+)"\s*>([\s\S]*?)<\/ProductAttribute>/g;
  for (let m = attr.exec(xml); m; m = attr.exec(xml)) {
    const values = /<Value>\s*(\d+)\s*<\/Value>/g;
    for (let v = values.exec(m[2]); v; v = values.exec(m[2]))
      out.push({ mappingId: Number(m[1]), valueId: Number(v[1]) });
  }
  return out;
}

export function sameSelections(a: readonly AttributeSelection[], b: readonly AttributeSelection[]): boolean {
  const key = (s: readonly AttributeSelection[]): string =>
    s
      .map((x) => `${x.mappingId}:${x.valueId}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}
