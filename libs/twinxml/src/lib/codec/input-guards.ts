import { TwinXmlError, TwinXmlErrorCode } from '../twinxml-error';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function limitError(path: string, message: string): TwinXmlError {
  return new TwinXmlError(TwinXmlErrorCode.LimitExceeded, [{ path, message }]);
}

export function byteLengthAtMost(text: string, max: number): boolean {
  if (text.length > max) return false;
  if (text.length * 3 <= max) return true;
  return Buffer.byteLength(text, 'utf8') <= max;
}

/** Turns input into text, enforcing the byte limit and strict UTF-8. */
export function inputText(input: string | Uint8Array, maxBytes: number): string {
  if (typeof input === 'string') {
    if (!byteLengthAtMost(input, maxBytes)) throw limitError('/', `input larger than ${maxBytes} bytes`);
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.byteLength > maxBytes) throw limitError('/', `input larger than ${maxBytes} bytes`);
  try {
    return utf8.decode(input); // strips a BOM
  } catch {
    throw new TwinXmlError(TwinXmlErrorCode.Malformed, [{ path: '/', message: 'input is not valid UTF-8' }]);
  }
}

/** The encoding named in an XML declaration at the start of `head`, if any. */
export function declaredEncoding(head: string): string | undefined {
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const decl = head.slice(0, end < 0 ? 200 : end);
  return /encoding\s*=\s*["']([^"']*)["']/.exec(decl)?.[1];
}

export function checkDeclaration(head: string): void {
  const enc = declaredEncoding(head);
  if (enc !== undefined && enc.toLowerCase() !== 'utf-8') {
    throw new TwinXmlError(TwinXmlErrorCode.Invalid, [{ path: '/', message: `encoding must be UTF-8, not ${enc}` }]);
  }
}

/**
 * No DOCTYPE, hence no entity declarations: the only defence against entity expansion that does
 * not depend on a parser's settings. (Conservative: the text also appears inside CDATA or comments.)
 */
export function rejectDoctype(text: string): void {
  if (text.includes('<!DOCTYPE') || text.includes('<!ENTITY')) {
    throw new TwinXmlError(TwinXmlErrorCode.DoctypeForbidden, [
      { path: '/', message: 'DOCTYPE or ENTITY declaration found' },
    ]);
  }
}
