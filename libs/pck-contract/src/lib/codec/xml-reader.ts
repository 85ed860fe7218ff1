import { XMLParser } from 'fast-xml-parser';
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
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Decode bytes to text: UTF-8 (strict) unless a UTF-16 BOM says otherwise. */
export function decodeBody(body: string | Uint8Array): string {
  if (typeof body === 'string') return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  try {
    if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(body.subarray(2));
    if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(body.subarray(2));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new PckContractError(Code.BadEncoding);
  }
}

const NAME = /^[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*(:[A-Za-z_\u00C0-\uFFEF][\w.\-\u00B7\u00C0-\uFFEF]*)?$/;

/**
 * A cheap single pass over the markup that fast-xml-parser does not do for us: it rejects any
 * `<!` declaration (DOCTYPE/ENTITY, so no XXE or entity expansion is possible), enforces depth and
 * element-count limits, and checks that tags are balanced (fast-xml-parser is lenient there).
 */
export function prescan(xml: string, limits: ParseLimits): void {
  const stack: string[] = [];
  let pos = 0;
  let count = 0;
  let rootClosed = false;
  const malformed = (why: string): never => {
    throw new PckContractError(Code.MalformedXml, why);
  };
  for (;;) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt === -1 ? xml.length : lt;
    if (stack.length === 0 && xml.slice(pos, textEnd).trim() !== '') malformed('text outside the root element');
    if (lt === -1) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) malformed('unterminated processing instruction');
      pos = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) malformed('unterminated comment');
      pos = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) malformed('CDATA outside the root element');
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) malformed('unterminated CDATA section');
      pos = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      throw new PckContractError(Code.DtdForbidden);
    } else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt + 2);
      if (end === -1) malformed('unterminated end tag');
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (open !== name) malformed(`end tag </${name}> does not match <${open ?? ''}>`);
      if (stack.length === 0) rootClosed = true;
      pos = end + 1;
    } else {
      // Start tag: find the closing '>' outside quoted attribute values.
      let i = lt + 1;
      let quote = '';
      for (; i < xml.length; i++) {
        const c = xml[i];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '<') malformed('"<" inside a tag');
        else if (c === '>') break;
      }
      if (i >= xml.length) malformed('unterminated start tag');
      const selfClosing = xml[i - 1] === '/';
      const inner = xml.slice(lt + 1, selfClosing ? i - 1 : i);
      const name = (/^[^\s/>]*/.exec(inner) ?? [""])[0];
      if (!NAME.test(name)) malformed(`invalid element name "${name.slice(0, 40)}"`);
      if (rootClosed) malformed('more than one root element');
      if (++count > limits.maxElements) throw new PckContractError(Code.TooManyElements);
      if (!selfClosing) {
        stack.push(name);
        if (stack.length > limits.maxDepth) throw new PckContractError(Code.TooDeep);
      } else if (stack.length === 0) rootClosed = true;
      pos = i + 1;
    }
  }
  if (stack.length > 0) malformed(`unclosed element <${stack[stack.length - 1]}> (truncated?)`);
  if (count === 0) malformed('no root element');
}

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));|&/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Only the five predefined entities and character references exist (no DTD is ever read). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named];
    if (hex === undefined && dec === undefined) throw new PckContractError(Code.MalformedXml, 'undefined entity or bare "&"');
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
    const valid = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    if (!valid) throw new PckContractError(Code.MalformedXml, `invalid character reference ${m}`);
    return String.fromCodePoint(cp);
  });
}

type FxpNode = Record<string, unknown>;

function makeParser(maxDepth: number): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata',
    // No callback of ours reads the path: skip building the jPath string at every tag (~25% of the parse).
    jPath: false,
    maxNestedTags: maxDepth + 1,
  });
}

// A parser holds no per-document state between parse() calls, so one per depth limit is reused.
const parsers = new Map<number, XMLParser>();
function parserFor(limits: ParseLimits): XMLParser {
  let p = parsers.get(limits.maxDepth);
  if (!p) {
    p = makeParser(limits.maxDepth);
    if (parsers.size < 16) parsers.set(limits.maxDepth, p);
  }
  return p;
}

const NO_ATTRS: ReadonlyMap<string, string> = new Map();

function splitName(q: string): [string, string] {
  const i = q.indexOf(':');
  return i === -1 ? ['', q] : [q.slice(0, i), q.slice(i + 1)];
}

function resolvePrefix(nsScope: ReadonlyMap<string, string>, prefix: string): string {
  if (prefix === 'xml') return XML_NS;
  const ns = nsScope.get(prefix);
  if (ns === undefined) {
    if (prefix === '') return '';
    throw new PckContractError(Code.MalformedXml, `unbound namespace prefix "${prefix}"`);
  }
  return ns;
}

function qnameOf(node: FxpNode): string {
  for (const k in node) if (k !== ':@') return k;
  return '';
}

function convert(node: FxpNode, scope: ReadonlyMap<string, string>): XNode {
  const rawAttrs = node[':@'] as Record<string, string> | undefined;
  const qname = qnameOf(node);
  let nsScope = scope;
  let attrs = NO_ATTRS;
  let nil = false;
  if (rawAttrs !== undefined) {
    const map = new Map<string, string>();
    for (const k in rawAttrs) {
      const value = decodeEntities(String(rawAttrs[k]));
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        if (nsScope === scope) nsScope = new Map(scope);
        (nsScope as Map<string, string>).set(k === 'xmlns' ? '' : k.slice(6), value);
      }
      map.set(k, value);
    }
    attrs = map;
    for (const [k, v] of map) {
      const [p, l] = splitName(k);
      if (l === 'nil' && p !== '' && p !== 'xmlns' && resolvePrefix(nsScope, p) === XSI) nil = v.trim() === 'true' || v.trim() === '1';
    }
  }
  const [prefix, local] = splitName(qname);
  const ns = resolvePrefix(nsScope, prefix);
  const children: XNode[] = [];
  let text = '';
  const content = node[qname] as FxpNode[] | undefined;
  if (content !== undefined) {
    for (let i = 0; i < content.length; i++) {
      const child = content[i];
      const t = child['#text'];
      if (t !== undefined) text += decodeEntities(String(t));
      else if ('#cdata' in child) {
        for (const c of child['#cdata'] as FxpNode[]) text += String(c['#text'] ?? '');
      } else children.push(convert(child, nsScope));
    }
  }
  return { local, ns, attrs, nil, children, text };
}

/** Parse a request body into a namespace-resolved tree, enforcing every limit. */
export function readXml(body: string | Uint8Array, limits: ParseLimits): XNode {
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
  if (size > limits.maxBytes) throw new PckContractError(Code.TooLarge, `${size} > ${limits.maxBytes} bytes`);
  const xml = decodeBody(body);
  prescan(xml, limits);
  let parsed: FxpNode[];
  try {
    parsed = parserFor(limits).parse(xml) as FxpNode[];
  } catch (e) {
    throw new PckContractError(Code.MalformedXml, e instanceof Error ? e.message.slice(0, 200) : undefined);
  }
  const root = parsed.find((n) => !('#text' in n) && !('#cdata' in n));
  if (!root) throw new PckContractError(Code.MalformedXml, 'no root element');
  return convert(root, new Map());
}
