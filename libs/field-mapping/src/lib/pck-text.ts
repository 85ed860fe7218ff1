import type { Article } from '@pcknop/pck-contract';
import type { TextMapping } from './profile/mapping-profile';

/** Joins the non-empty PCK text fields a mapping names, in order. */
export function composeText(article: Article, mapping: TextMapping): string {
  return mapping.from
    .map((f) => (article[f] ?? '').trim())
    .filter((s) => s.length > 0)
    .join(mapping.separator);
}

/** Plain PCK text → HTML for nop's full description: escaped, line breaks kept. */
export function plainTextToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escaped.replace(/\r\n|\r|\n/g, '<br />\n');
}

/** Fills `{placeholder}`s; unknown placeholders stay as written so a typo is visible in the preview. */
export function fillTemplate(template: string, values: Record<string, string | number | undefined>): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = values[name];
      return v === undefined ? whole : String(v);
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** GTIN-8/12/13/14 check digit (GS1 mod 10). */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop() as number;
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** Digits-only GTINs (TwinXML's rule), with the profile's pick first. */
export function pickGtins(eans: readonly string[], pick: 'first' | 'firstValid'): string[] {
  const clean = eans.map((e) => e.trim()).filter((e) => /^(\d{8}|\d{12,14})$/.test(e));
  const unique = [...new Set(clean)];
  if (pick === 'firstValid') {
    const valid = unique.filter(isValidGtin);
    return [...valid, ...unique.filter((e) => !isValidGtin(e))];
  }
  return unique;
}
