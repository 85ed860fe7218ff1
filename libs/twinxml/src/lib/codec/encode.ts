import { XMLBuilder } from 'fast-xml-parser';
import { countRecords, type TwinDocument } from '../model/document';
import { TWINXML_NAMESPACE } from '../model/header';
import { ROOT_ELEMENT, rootSpec, SECTIONS } from '../schema/specs';
import { TwinXmlError, TwinXmlErrorCode } from '../twinxml-error';
import { validateTwinDocument } from '../validate-document';
import { ATTRS, toNodes, type XNode } from './xml-tree';

export interface EncodeOptions {
  /** Validate before encoding (default true). Only skip for documents validated just before. */
  validate?: boolean;
}

// Text is escaped by `toNodes` (the builder's own escaping would miss `\r`), so entities are off here.
const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  processEntities: false,
  suppressEmptyNode: false,
});

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** The `preserveOrder` tree of a document (also the raw baseline the benchmark builds). */
export function toTwinXmlTree(doc: TwinDocument): XNode[] {
  const root: Record<string, unknown> = { header: doc.header, trailer: countRecords(doc) };
  for (const sec of SECTIONS) {
    const items = doc[sec.prop];
    if (items.length > 0) root[sec.prop] = { items };
  }
  return [{ [ROOT_ELEMENT]: toNodes(root, rootSpec), [ATTRS]: { '@_xmlns': TWINXML_NAMESPACE } }];
}

/**
 * Encodes a document as canonical TwinXML 1: UTF-8, two-space indentation, schema element order,
 * fixed-scale decimals, millisecond UTC timestamps, empty sections omitted, trailer computed.
 * Equal documents give byte-equal output. Throws TwinXmlError(INVALID_MODEL) with the issues of
 * validateTwinDocument when the document is not valid.
 */
export function encodeTwinXml(doc: TwinDocument, options: EncodeOptions = {}): string {
  if (options.validate !== false) {
    const issues = validateTwinDocument(doc);
    if (issues.length > 0) throw new TwinXmlError(TwinXmlErrorCode.InvalidModel, issues);
  }
  return XML_DECLARATION + (builder.build(toTwinXmlTree(doc)) as string) + '\n';
}
