import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { countRecords, emptyDocument, type TwinTrailer } from '../model/document';
import type { TwinHeader } from '../model/header';
import type { TwinRecordMap } from '../model/record-key';
import type { TwinReceipt } from '../model/receipt';
import type { TwinRecordKind } from '../model/record-kind';
import { DEFAULT_STREAM_LIMITS, resolveLimits, type TwinXmlLimits } from '../limits';
import {
  headerSpec,
  ROOT_ELEMENT,
  rootSpec,
  SECTIONS,
  trailerSpec,
  type ComplexSpec,
  type SectionSpec,
} from '../schema/specs';
import { TwinXmlError, TwinXmlErrorCode } from '../twinxml-error';
import { checkTrailer } from '../validate-document';
import { IssueCollector } from './issue-collector';
import { checkDeclaration, limitError } from './input-guards';
import { checkRootElement } from './root-element';
import { CDATA, decodeComplex, TEXT, type XNode } from './xml-tree';

/** One item of a streamed document: the header, each record, each receipt, and the trailer, in document order. */
export type TwinRecordEvent =
  | { kind: 'header'; record: TwinHeader; path: string }
  | { [K in TwinRecordKind]: { kind: K; record: TwinRecordMap[K]; path: string } }[TwinRecordKind]
  | { kind: 'receipt'; record: TwinReceipt; path: string }
  | { kind: 'trailer'; record: TwinTrailer; path: string };

export type TwinXmlSource = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Chunks are fed to saxes in slices of at most this many characters (see `checkHeld`). */
const WRITE_SLICE = 64 * 1024;

interface Capture {
  spec: ComplexSpec;
  path: string;
  emit: (record: Record<string, unknown>) => TwinRecordEvent;
  /** The record element's children. */
  children: XNode[];
  /** Open elements inside the record; [0] is `children`. */
  stack: XNode[][];
  size: number;
}

function chunks(source: TwinXmlSource): AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> {
  return typeof source === 'string' || source instanceof Uint8Array ? [source] : source;
}

function invalid(path: string, message: string): TwinXmlError {
  return new TwinXmlError(TwinXmlErrorCode.Invalid, [{ path, message }]);
}

/**
 * Decodes a TwinXML 1 document incrementally (a Node Readable, any (async) iterable of chunks, or
 * a whole string/buffer) and yields the header, every record and the trailer one by one. Only
 * the record being read is held in memory, so memory stays flat however large the document.
 * Each record is decoded and validated by the same record decoder as `decodeTwinXml`; the
 * first invalid record throws TwinXmlError with its path-addressed issues. At the end the
 * trailer's counts are checked. Unlike `decodeTwinXml` it does not check that record keys are
 * unique across the document (that would need memory proportional to the document).
 */
export async function* streamTwinXml(
  source: TwinXmlSource,
  limits?: Partial<TwinXmlLimits>,
): AsyncGenerator<TwinRecordEvent> {
  const lim = resolveLimits(DEFAULT_STREAM_LIMITS, limits);
  const parser = new SaxesParser({ position: true });
  const queue: TwinRecordEvent[] = [];
  const counts = countRecords(emptyDocument({} as TwinHeader));
  let bytes = 0;
  let depth = 0;
  let elements = 0;
  let rootClosed = false;
  let fieldIndex = -1; // position in rootSpec.fields of the last child of the root
  let section: SectionSpec | undefined;
  let sectionCount = 0;
  let capture: Capture | undefined;
  let trailer: TwinTrailer | undefined;
  let headerSeen = false;
  // Where the parser stood at its last event: what lies beyond it is held inside saxes (a text
  // node, a comment, a tag being read) and is not yet in `capture.size`.
  let mark = 0;
  // Characters written to saxes so far (its own `position` is only meaningful inside its events).
  let fed = 0;

  const sectionByEl = new Map(SECTIONS.map((s) => [s.el, s]));

  const startCapture = (spec: ComplexSpec, path: string, emit: Capture['emit']): void => {
    const children: XNode[] = [];
    capture = { spec, path, emit, children, stack: [children], size: 0 };
  };

  parser.on('doctype', () => {
    throw new TwinXmlError(TwinXmlErrorCode.DoctypeForbidden, [{ path: '/', message: 'DOCTYPE found' }]);
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined) checkDeclaration(`<?xml encoding="${decl.encoding}"?>`);
  });
  const held = (): number => fed - mark;
  const markHere = (): void => {
    mark = parser.position;
  };
  parser.on('comment', markHere);
  parser.on('processinginstruction', markHere);
  parser.on('opentag', (tag) => {
    markHere();
    depth++;
    if (++elements > lim.maxElements) throw limitError('/', `more than ${lim.maxElements} elements`);
    if (depth > lim.maxDepth) throw limitError('/', `elements nested deeper than ${lim.maxDepth}`);
    if (capture) {
      capture.size += tag.name.length * 2 + 5;
      const children: XNode[] = [];
      const node: XNode = { [tag.name]: children };
      if (Object.keys(tag.attributes).length > 0) node[':@'] = tag.attributes;
      capture.stack[capture.stack.length - 1].push(node);
      capture.stack.push(children);
      return;
    }
    if (depth === 1) {
      const issues = new IssueCollector(lim.maxIssues);
      checkRootElement(tag.name, (tag as SaxesTagPlain).attributes, '', issues.report);
      if (issues.count > 0) throw new TwinXmlError(TwinXmlErrorCode.Invalid, issues.issues);
      return;
    }
    if (depth === 2) {
      const index = rootSpec.fields.findIndex((f) => f.el === tag.name);
      if (index < 0) throw invalid(`/${ROOT_ELEMENT}/${tag.name}`, 'unexpected element');
      if (index <= fieldIndex) throw invalid(`/${ROOT_ELEMENT}/${tag.name}`, 'out of order or repeated');
      if (index > 0 && !headerSeen) throw invalid(`/${ROOT_ELEMENT}/Header`, 'missing');
      for (let i = fieldIndex + 1; i < index; i++) {
        if (rootSpec.fields[i].occurs === 'one') throw invalid(`/${ROOT_ELEMENT}/${rootSpec.fields[i].el}`, 'missing');
      }
      fieldIndex = index;
      const path = `/${ROOT_ELEMENT}/${tag.name}`;
      if (tag.name === 'Header') {
        startCapture(headerSpec, path, (record) => {
          headerSeen = true;
          return { kind: 'header', record: record as unknown as TwinHeader, path };
        });
      } else if (tag.name === 'Trailer') {
        startCapture(trailerSpec, path, (record) => {
          trailer = record as unknown as TwinTrailer;
          return { kind: 'trailer', record: trailer, path };
        });
      } else {
        section = sectionByEl.get(tag.name);
        sectionCount = 0;
      }
      return;
    }
    // depth 3: a record in a section.
    const sec = section as SectionSpec;
    const path = `/${ROOT_ELEMENT}/${sec.el}/${tag.name}`;
    if (tag.name !== sec.item) throw invalid(path, `unexpected element (allowed: ${sec.item})`);
    const recordPath = `${path}[${++sectionCount}]`;
    startCapture(sec.record, recordPath, (record) => {
      counts[sec.prop]++;
      counts.total++;
      if (sec.prop === 'products') counts.variants += (record['variants'] as unknown[]).length;
      return { kind: sec.kind, record, path: recordPath } as unknown as TwinRecordEvent;
    });
  });
  parser.on('text', (text) => {
    markHere();
    if (capture) {
      capture.size += text.length;
      if (capture.size > lim.maxRecordBytes)
        throw limitError(capture.path, `record larger than ${lim.maxRecordBytes} bytes`);
      // saxes has already resolved references; CDATA marks the text as literal for the record decoder.
      capture.stack[capture.stack.length - 1].push({ [CDATA]: [{ [TEXT]: text }] });
    } else if (!/^[ \t\n\r]*$/.test(text)) {
      throw invalid(depth === 0 ? '/' : `/${ROOT_ELEMENT}`, 'unexpected text');
    } else if (text.length > lim.maxRecordBytes) {
      throw limitError(gapPath(), `more than ${lim.maxRecordBytes} bytes between elements`);
    }
  });
  parser.on('cdata', (text) => {
    markHere();
    if (!capture) throw invalid(`/${ROOT_ELEMENT}`, 'unexpected CDATA');
    capture.size += text.length;
    if (capture.size > lim.maxRecordBytes)
      throw limitError(capture.path, `record larger than ${lim.maxRecordBytes} bytes`);
    capture.stack[capture.stack.length - 1].push({ [CDATA]: [{ [TEXT]: text }] });
  });
  parser.on('closetag', () => {
    markHere();
    depth--;
    if (capture) {
      if (capture.stack.length > 1) {
        capture.stack.pop();
        return;
      }
      const c = capture;
      capture = undefined;
      const issues = new IssueCollector(lim.maxIssues);
      const ctx = {
        report: issues.report,
        issueCount: () => issues.count,
        elements: 0,
        maxElements: Number.MAX_SAFE_INTEGER,
      };
      const record = decodeComplex(c.children, c.spec, c.path, ctx);
      if (issues.count > 0) throw new TwinXmlError(TwinXmlErrorCode.Invalid, issues.issues);
      queue.push(c.emit(record));
      return;
    }
    if (depth === 1) section = undefined;
    if (depth === 0) rootClosed = true;
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  /** Where text outside any record sits, for error messages. */
  const gapPath = (): string => (depth === 0 ? '/' : section ? `/${ROOT_ELEMENT}/${section.el}` : `/${ROOT_ELEMENT}`);
  /**
   * saxes holds a text node (or comment, or tag) whole until it ends, so a record's limit checked
   * only at events would let one huge node fill memory. Feeding it slices and checking what it
   * holds after each keeps memory within the limit plus one slice, wherever the text sits.
   */
  const checkHeld = (): void => {
    if (capture) {
      if (capture.size + held() > lim.maxRecordBytes)
        throw limitError(capture.path, `record larger than ${lim.maxRecordBytes} bytes`);
    } else if (held() > lim.maxRecordBytes) {
      throw limitError(gapPath(), `more than ${lim.maxRecordBytes} bytes between elements`);
    }
  };
  const write = (text: string | null): void => {
    try {
      if (text === null) {
        parser.close();
        return;
      }
      // saxes carries a split surrogate pair or CR over to the next write, so any cut is safe.
      for (let at = 0; at < text.length; at += WRITE_SLICE) {
        const slice = text.length <= WRITE_SLICE ? text : text.slice(at, at + WRITE_SLICE);
        parser.write(slice);
        fed += slice.length;
        checkHeld();
      }
    } catch (error) {
      if (error instanceof TwinXmlError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new TwinXmlError(TwinXmlErrorCode.Malformed, [{ path: '/', message }]);
    }
  };
  const utf8 = (chunk: Uint8Array | null): string => {
    try {
      return chunk === null ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new TwinXmlError(TwinXmlErrorCode.Malformed, [{ path: '/', message: 'input is not valid UTF-8' }]);
    }
  };

  for await (const chunk of chunks(source)) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (bytes > lim.maxBytes) throw limitError('/', `input larger than ${lim.maxBytes} bytes`);
    const text = typeof chunk === 'string' ? chunk : utf8(chunk);
    write(text);
    for (let i = 0; i < queue.length; i++) yield queue[i];
    queue.length = 0;
  }
  write(utf8(null));
  write(null);
  for (let i = 0; i < queue.length; i++) yield queue[i];
  queue.length = 0;
  if (!rootClosed)
    throw new TwinXmlError(TwinXmlErrorCode.Malformed, [
      { path: '/', message: 'document ends before the root element closes' },
    ]);
  if (!trailer) throw invalid(`/${ROOT_ELEMENT}/Trailer`, 'missing');
  const issues = new IssueCollector(lim.maxIssues);
  checkTrailer(counts, trailer, issues.report);
  if (issues.count > 0) throw new TwinXmlError(TwinXmlErrorCode.Invalid, issues.issues);
}
