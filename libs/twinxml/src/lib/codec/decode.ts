import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { countRecords, type TwinDocument, type TwinTrailer } from '../model/document';
import type { TwinHeader } from '../model/header';
import { DEFAULT_DECODE_LIMITS, resolveLimits, type TwinXmlLimits } from '../limits';
import { ROOT_ELEMENT, rootSpec, SECTIONS } from '../schema/specs';
import { TwinXmlError, TwinXmlErrorCode } from '../twinxml-error';
import { checkTrailer, checkUniqueKeys } from '../validate-document';
import { IssueCollector } from './issue-collector';
import { checkDeclaration, inputText, limitError, rejectDoctype } from './input-guards';
import { checkRootElement } from './root-element';
import { checkElementLimits } from './element-limits';
import { ATTRS, decodeComplex, elementName, type XNode } from './xml-tree';

function parserFor(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // Entities off: the record decoder resolves only the predefined ones and character references.
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata',
    maxNestedTags: maxDepth,
  });
}

const parsers = new Map<number, XMLParser>();

/**
 * Decodes and strictly validates a TwinXML 1 document (string or UTF-8 bytes). Throws
 * TwinXmlError: MALFORMED, DOCTYPE_FORBIDDEN, LIMIT_EXCEEDED, or INVALID with every issue found
 * (up to `limits.maxIssues`), each addressed by path, e.g.
 * `/TwinXML/Products/Product[132]/Price: not a decimal`.
 */
export function decodeTwinXml(xml: string | Uint8Array, limits?: Partial<TwinXmlLimits>): TwinDocument {
  const lim = resolveLimits(DEFAULT_DECODE_LIMITS, limits);
  const text = inputText(xml, lim.maxBytes);
  checkDeclaration(text);
  rejectDoctype(text);
  // Before any parsing: neither the validator nor the parser should spend time or memory on a
  // document that is over the element or depth limit.
  checkElementLimits(text, lim.maxElements, lim.maxDepth);
  // fast-xml-parser's parser is lenient (unclosed tags, trailing junk); its validator is not.
  const wellFormed = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (wellFormed !== true) {
    const { line, col, msg } = wellFormed.err;
    throw new TwinXmlError(TwinXmlErrorCode.Malformed, [{ path: '/', message: `line ${line}, column ${col}: ${msg}` }]);
  }
  let parser = parsers.get(lim.maxDepth);
  if (!parser) parsers.set(lim.maxDepth, (parser = parserFor(lim.maxDepth)));
  let top: XNode[];
  try {
    top = parser.parse(text) as XNode[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested/i.test(message)) throw limitError('/', `elements nested deeper than ${lim.maxDepth}`);
    throw new TwinXmlError(TwinXmlErrorCode.Malformed, [{ path: '/', message }]);
  }
  const roots = top.filter((n) => elementName(n) !== undefined);
  if (roots.length !== 1) {
    throw new TwinXmlError(TwinXmlErrorCode.Malformed, [
      { path: '/', message: `expected one root element, found ${roots.length}` },
    ]);
  }
  const rootNode = roots[0];
  const name = elementName(rootNode) as string;
  const issues = new IssueCollector(lim.maxIssues);
  checkRootElement(name, (rootNode[ATTRS] ?? {}) as Record<string, string>, '@_', issues.report);
  if (issues.count > 0) throw new TwinXmlError(TwinXmlErrorCode.Invalid, issues.issues);

  const ctx = { report: issues.report, issueCount: () => issues.count, elements: 1, maxElements: lim.maxElements };
  const root = decodeComplex(rootNode[name] as XNode[], rootSpec, `/${ROOT_ELEMENT}`, ctx);
  if (issues.count > 0) throw new TwinXmlError(TwinXmlErrorCode.Invalid, issues.issues);

  const doc = { header: root['header'] as TwinHeader } as TwinDocument;
  for (const sec of SECTIONS) {
    const wrapper = root[sec.prop] as { items: unknown[] } | undefined;
    (doc as unknown as Record<string, unknown[]>)[sec.prop] = wrapper?.items ?? [];
  }
  checkTrailer(countRecords(doc), root['trailer'] as TwinTrailer, issues.report);
  checkUniqueKeys(doc, issues.report);
  if (issues.count > 0) throw new TwinXmlError(TwinXmlErrorCode.Invalid, issues.issues);
  return doc;
}
