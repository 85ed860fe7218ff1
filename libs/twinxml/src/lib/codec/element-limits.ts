import { limitError } from './input-guards';

/**
 * A cheap single pass over the markup that counts elements and nesting depth, so an oversized
 * or deeply nested document fails before any parser builds a tree of it. It judges nothing else:
 * on markup it cannot follow (an unterminated tag, comment or CDATA section) it stops, and the
 * well-formedness check that runs next reports the problem.
 */
export function checkElementLimits(text: string, maxElements: number, maxDepth: number): void {
  let depth = 0;
  let elements = 0;
  let pos = 0;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) return;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return;
      pos = end + 2;
    } else if (next === 0x21 /* ! */) {
      const closer = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<![CDATA[', lt) ? ']]>' : '>';
      const end = text.indexOf(closer, lt + 2);
      if (end < 0) return;
      pos = end + closer.length;
    } else if (next === 0x2f /* / */) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) return;
      depth--;
      pos = end + 1;
    } else {
      // A start tag ends at the first '>' outside a quoted attribute value.
      let i = lt + 1;
      let quote = 0;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e /* > */) break;
      }
      if (i >= text.length) return;
      if (++elements > maxElements) throw limitError('/', `more than ${maxElements} elements`);
      // The root is at depth 1, as in the streaming decoder; an empty element `<x/>` counts too.
      if (depth + 1 > maxDepth) throw limitError('/', `elements nested deeper than ${maxDepth}`);
      if (text.charCodeAt(i - 1) !== 0x2f /* / */) depth++;
      pos = i + 1;
    }
  }
}
