import { escapeAttr } from '../codec/encode';
import { WEBSHOP_NS } from '../codec/soap-envelope';
import { OPERATION_NAMES } from '../model/operations';
import { OPERATIONS } from '../schema/contract-operations';
import { complexTypeOf, type FieldDef, type TypeDef } from '../schema/schema-builder';

/*
 * Mirrors Deltasoft's JAX-WS WSDL: document/literal wrapped, one wrapper element and complexType
 * per operation and per `{op}Response`, unqualified children, result in `return`, arrays as
 * repeated elements, soapAction "", service WebshopWSService / port WebshopWSPort.
 */

const XSD_TYPE: Record<Exclude<FieldDef['kind'], 'complex'>, string> = {
  int: 'xs:int',
  long: 'xs:long',
  decimal: 'xs:decimal',
  string: 'xs:string',
  boolean: 'xs:boolean',
  dateTime: 'xs:dateTime',
  base64: 'xs:base64Binary',
};

function elementDecl(name: string, def: FieldDef): string {
  const type = def.kind === 'complex' ? `tns:${complexTypeOf(def).name}` : XSD_TYPE[def.kind];
  const occurs = def.array ? ' minOccurs="0" maxOccurs="unbounded"' : def.required ? '' : ' minOccurs="0"';
  return `        <xs:element name="${name}" type="${type}"${occurs}/>`;
}

function complexType(type: TypeDef<unknown>): string {
  const fields = type.fields.map((f) => elementDecl(f.wire, f.def));
  const body = fields.length
    ? `      <xs:sequence>\n${fields.join('\n')}\n      </xs:sequence>`
    : '      <xs:sequence/>';
  return `    <xs:complexType name="${type.name}">\n${body}\n    </xs:complexType>`;
}

function collectTypes(type: TypeDef<unknown>, seen: Map<string, TypeDef<unknown>>): void {
  for (const f of type.fields) {
    if (f.def.kind !== 'complex') continue;
    const t = complexTypeOf(f.def);
    if (!seen.has(t.name)) {
      seen.set(t.name, t);
      collectTypes(t, seen);
    }
  }
}

/** The WSDL with `serviceAddress` (the URL PCK is configured with) as soap:address. */
export function renderWsdl(serviceAddress: string): string {
  const ops = OPERATION_NAMES.map((n) => OPERATIONS[n]);
  const classes = new Map<string, TypeDef<unknown>>();
  const wrappers: TypeDef<unknown>[] = [];
  for (const op of ops) {
    const response: TypeDef<unknown> = {
      name: `${op.name}Response`,
      fields: [{ key: 'return', wire: 'return', def: op.result }],
    };
    wrappers.push(op.request, response);
    collectTypes(op.request, classes);
    collectTypes(response, classes);
  }
  const sortedClasses = [...classes.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${WEBSHOP_NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${WEBSHOP_NS}" name="WebshopWSService">`,
    '  <types>',
    `    <xs:schema targetNamespace="${WEBSHOP_NS}" elementFormDefault="unqualified" version="1.0">`,
    ...wrappers.map((w) => `    <xs:element name="${w.name}" type="tns:${w.name}"/>`),
    ...wrappers.map(complexType),
    ...sortedClasses.map(complexType),
    '    </xs:schema>',
    '  </types>',
  ];
  for (const op of ops) {
    for (const m of [op.name, `${op.name}Response`]) {
      lines.push(`  <message name="${m}">`, `    <part name="parameters" element="tns:${m}"/>`, '  </message>');
    }
  }
  lines.push('  <portType name="WebshopWS">');
  for (const op of ops) {
    lines.push(
      `    <operation name="${op.name}">`,
      `      <input message="tns:${op.name}"/>`,
      `      <output message="tns:${op.name}Response"/>`,
      '    </operation>',
    );
  }
  lines.push('  </portType>', '  <binding name="WebshopWSPortBinding" type="tns:WebshopWS">');
  lines.push('    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>');
  for (const op of ops) {
    lines.push(
      `    <operation name="${op.name}">`,
      '      <soap:operation soapAction=""/>',
      '      <input>',
      '        <soap:body use="literal"/>',
      '      </input>',
      '      <output>',
      '        <soap:body use="literal"/>',
      '      </output>',
      '    </operation>',
    );
  }
  lines.push(
    '  </binding>',
    '  <service name="WebshopWSService">',
    '    <port name="WebshopWSPort" binding="tns:WebshopWSPortBinding">',
    `      <soap:address location="${escapeAttr(serviceAddress)}"/>`,
    '    </port>',
    '  </service>',
    '</definitions>',
    '',
  );
  return lines.join('\n');
}
