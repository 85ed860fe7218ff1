import { SaxesParser, type SaxesTagNS } from 'saxes';
import { PckContractError, PckContractErrorCode as Code } from './pck-contract.exception';
import type { ParseLimits } from './limits';

/** A namespace-resolved element. Text is entity-decoded; whitespace is kept as sent. */
export interface XNode {
  readonly local: string;
  readonly ns: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly nil: boolean;
  readonly children: readonly XNode[];
  readonly text: string;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Decode bytes to text: UTF-8 (strict) unless a UTF-16 BOM says otherwise. */
export function decodeBody(body: string | Uint8Array): string {
  if (typeof body === 'string') return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  try {
    if (body[0] === 0xff && body[1] === 0xfe)
      return new TextDecoder('utf-16le', { fatal: true }).decode(body.subarray(2));
    if (body[0] === 0xfe && body[1] === 0xff)
      return new TextDecoder('utf-16be', { fatal: true }).decode(body.subarray(2));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new PckContractError(Code.BadEncoding);
  }
}

const NO_ATTRS: ReadonlyMap<string, string> = new Map();
// Most elements are leaves: they share this empty list, and a node gets its own list with its first child.
const NO_CHILDREN = Object.freeze([]) as unknown as XNode[];

interface OpenNode {
  local: string;
  ns: string;
  attrs: ReadonlyMap<string, string>;
  nil: boolean;
  children: XNode[];
  text: string;
}

function openNode(tag: SaxesTagNS): OpenNode {
  let attrs = NO_ATTRS;
  let nil = false;
  // Most elements carry no attribute: no map (nor key array) for them.
  for (const name in tag.attributes) {
    const a = tag.attributes[name];
    if (attrs === NO_ATTRS) attrs = new Map<string, string>();
    (attrs as Map<string, string>).set(name, a.value);
    if (a.local === 'nil' && a.uri === XSI) nil = a.value.trim() === 'true' || a.value.trim() === '1';
  }
  return { local: tag.local, ns: tag.uri, attrs, nil, children: NO_CHILDREN, text: '' };
}

/**
 * Parse a request body into a namespace-resolved tree, enforcing every limit. saxes is a conformant, strict XML 1.0
 * parser (well-formedness, names, namespaces, character references); it reads no DTD and knows only the predefined
 * entities, and a DOCTYPE is refused as soon as it is seen, so no entity expansion or external fetch can happen.
 * Depth and element count are checked as elements open, so an oversized document is refused before it is built.
 */
export function readXml(body: string | Uint8Array, limits: ParseLimits): XNode {
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
  if (size > limits.maxBytes) throw new PckContractError(Code.TooLarge, `${size} > ${limits.maxBytes} bytes`);
  const xml = decodeBody(body);
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: OpenNode[] = [];
  let root: XNode | undefined;
  let elements = 0;
  parser.on('doctype', () => {
    throw new PckContractError(Code.DtdForbidden);
  });
  parser.on('opentag', (tag) => {
    if (++elements > limits.maxElements) throw new PckContractError(Code.TooManyElements);
    if (stack.length >= limits.maxDepth) throw new PckContractError(Code.TooDeep);
    stack.push(openNode(tag));
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    const node = stack.pop() as XNode;
    const parent = stack[stack.length - 1];
    if (!parent) root = node;
    else if (parent.children === NO_CHILDREN) parent.children = [node];
    else parent.children.push(node);
  });
  parser.on('error', (error) => {
    throw new PckContractError(Code.MalformedXml, error.message.slice(0, 200));
  });
  parser.write(xml).close();
  if (!root) throw new PckContractError(Code.MalformedXml, 'no root element');
  return root;
}
