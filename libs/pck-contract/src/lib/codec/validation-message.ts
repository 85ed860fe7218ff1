import type { FieldKind } from '../schema/schema-builder';
import type { ValidationIssue } from './validation';

const NORWEGIAN_KIND: Record<FieldKind, string> = {
  int: 'heltall',
  long: 'heltall',
  decimal: 'desimaltall',
  string: 'tekst',
  boolean: 'true/false',
  dateTime: 'dato/tid',
  base64: 'base64-data',
  complex: 'struktur',
};

/** Short Norwegian text for the PCK user, naming the first bad field. */
export function humanMessage(issues: readonly ValidationIssue[]): string {
  const first = issues[0];
  const what =
    first.problem === 'missing'
      ? `Mangler påkrevd felt «${first.path}».`
      : `Ugyldig verdi i feltet «${first.path}»: forventet ${NORWEGIAN_KIND[first.expected]}.`;
  return issues.length > 1 ? `${what} (+${issues.length - 1} andre feil)` : what;
}

/** English technical detail listing every issue (capped). */
export function technicalMessage(operation: string, issues: readonly ValidationIssue[]): string {
  const parts = issues
    .slice(0, 10)
    .map((i) =>
      i.problem === 'missing'
        ? `${i.path}: required element missing`
        : `${i.path}: expected xs:${i.expected === 'complex' ? 'complexType' : i.expected}${i.raw !== undefined ? `, got "${i.raw}"` : ''}`,
    );
  if (issues.length > 10) parts.push(`... ${issues.length - 10} more`);
  return `${operation}: invalid request: ${parts.join('; ')}`;
}
