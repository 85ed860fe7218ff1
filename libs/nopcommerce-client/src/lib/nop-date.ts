// nop's Web API writes and reads UTC date-times without a zone designator (`2025-03-03T07:00:00`).

const HAS_ZONE = /[zZ]|[+-]\d\d:?\d\d$/;

/** UTC without `Z`: ASP.NET model binding would turn a `Z` time into server-local time. */
export function formatUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, '')
    .replace(/Z$/, '');
}

/** A nop date-time as ISO 8601 with its zone: the `Z` nop leaves out is added, a zone already there is kept. */
export function nopDateIso(value: string): string {
  return HAS_ZONE.test(value) ? value : `${value}Z`;
}

/**
 * The instant of a nop date-time, or undefined when there is none: null, empty, unreadable, or .NET's
 * `DateTime.MinValue` (`0001-01-01T00:00:00`), which nop sends for a date never set.
 */
export function parseNopDate(value: string | null | undefined): Date | undefined {
  if (!value || value.startsWith('0001-')) return undefined;
  const d = new Date(nopDateIso(value));
  return Number.isNaN(d.getTime()) ? undefined : d;
}
