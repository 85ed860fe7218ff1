/** Escapes text content. `\r` is written as a character reference: parsers normalise a raw one away. */
export function escapeText(text: string): string {
  if (!/[&<>\r]/.test(text)) return text;
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Escapes an attribute value written in double quotes. */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Decodes raw text as fast-xml-parser hands it over with entity processing off: normalises line
 * ends (XML 1.0 §2.11) and resolves the five predefined entities and character references.
 * Any other entity reference is an error: TwinXML has no DTD, so none can be defined.
 * Returns the decoded text, or an Error describing the bad reference.
 */
export function unescapeText(raw: string): string | Error {
  const text = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let last = 0;
  while (amp >= 0) {
    const semi = text.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) return new Error('unterminated entity or character reference');
    const ref = text.slice(amp + 1, semi);
    let decoded: string | undefined = PREDEFINED[ref];
    if (decoded === undefined && ref.startsWith('#')) {
      const cp = ref.startsWith('#x')
        ? parseInt(ref.slice(2), 16)
        : /^#[0-9]+$/.test(ref)
          ? parseInt(ref.slice(1), 10)
          : NaN;
      if (!/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref) || !isXmlChar(cp))
        return new Error(`invalid character reference &${ref};`);
      decoded = String.fromCodePoint(cp);
    }
    if (decoded === undefined) return new Error(`undefined entity &${ref}; (entities are not allowed)`);
    out += text.slice(last, amp) + decoded;
    last = semi + 1;
    amp = text.indexOf('&', last);
  }
  return out + text.slice(last);
}
