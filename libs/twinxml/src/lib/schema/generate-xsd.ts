import { TWINXML_NAMESPACE, TWINXML_SCHEMA_VERSION } from '../model/header';
import type { Scalar } from './scalars';
import { isComplex, ROOT_ELEMENT, rootSpec, type ComplexSpec, type FieldSpec } from './specs';

function occursAttrs(f: FieldSpec): string {
  switch (f.occurs) {
    case 'one':
      return '';
    case 'optional':
      return ' minOccurs="0"';
    case 'many':
      return ' minOccurs="0" maxOccurs="unbounded"';
    case 'some':
      return ' maxOccurs="unbounded"';
    default: {
      const unreachable: never = f.occurs;
      return String(unreachable);
    }
  }
}

/**
 * The XSD of TwinXML 1, generated from the same descriptors the codec walks (committed as
 * `schema/twinxml-1.xsd`; a test keeps the file current). Scalars become named simple types with
 * the canonical patterns; records become complex types with xs:sequence.
 */
export function generateTwinXmlXsd(): string {
  const complex = new Map<string, ComplexSpec>();
  const simple = new Map<string, Scalar>();
  const visit = (spec: ComplexSpec): void => {
    const seen = complex.get(spec.name);
    if (seen) {
      if (seen !== spec) throw new Error(`two complex types named ${spec.name}`);
      return;
    }
    complex.set(spec.name, spec);
    for (const f of spec.fields) {
      if (isComplex(f.type)) visit(f.type);
      else {
        const other = simple.get(f.type.name);
        if (other && other !== f.type) throw new Error(`two simple types named ${f.type.name}`);
        simple.set(f.type.name, f.type);
      }
    }
  };
  visit(rootSpec);
  for (const name of simple.keys()) if (complex.has(name)) throw new Error(`type name ${name} used twice`);

  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- TwinXML 1: generated from libs/twinxml/src/lib/schema/specs.ts; do not edit by hand. -->',
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="${TWINXML_NAMESPACE}" targetNamespace="${TWINXML_NAMESPACE}"`,
    `           elementFormDefault="qualified" version="${TWINXML_SCHEMA_VERSION}">`,
    `  <xs:element name="${ROOT_ELEMENT}" type="${rootSpec.name}"/>`,
  ];
  for (const spec of complex.values()) {
    lines.push(`  <xs:complexType name="${spec.name}">`, '    <xs:sequence>');
    let inChoice = false;
    for (const f of spec.fields) {
      const chosen = spec.choice?.includes(f.el) ?? false;
      if (chosen && !inChoice) lines.push('      <xs:choice>');
      if (!chosen && inChoice) lines.push('      </xs:choice>');
      inChoice = chosen;
      const typeName = isComplex(f.type) ? f.type.name : f.type.name;
      // Inside the choice each alternative occurs once; exactly one of them is required.
      lines.push(
        `${chosen ? '  ' : ''}      <xs:element name="${f.el}" type="${typeName}"${chosen ? '' : occursAttrs(f)}/>`,
      );
    }
    if (inChoice) lines.push('      </xs:choice>');
    lines.push('    </xs:sequence>', '  </xs:complexType>');
  }
  for (const scalar of simple.values()) {
    lines.push(`  <xs:simpleType name="${scalar.name}">`, `    ${scalar.xsd}`, '  </xs:simpleType>');
  }
  lines.push('</xs:schema>', '');
  return lines.join('\n');
}
