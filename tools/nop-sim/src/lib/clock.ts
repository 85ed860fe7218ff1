/** A settable clock, so token expiry and date filters can be tested without waiting. */
export class SimClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/**
 * nop stores UTC dates in `datetime2` columns and reads them back with an unspecified kind, so the wire
 * shows them without `Z`. Every date the simulator stores goes through this.
 */
export function formatNopDate(d: Date): string {
  const iso = d.toISOString().replace('Z', '');
  return iso.endsWith('.000') ? iso.slice(0, -4) : iso;
}

export const MIN_DATE = '0001-01-01T00:00:00';

/** Parses a wire date (with or without offset; without one it is taken as UTC). */
export function parseNopDate(value: string): Date | null {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(trimmed)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) && trimmed.includes('T');
  const withTime = trimmed.includes('T') ? trimmed : `${trimmed}T00:00:00`;
  const d = new Date(hasZone ? withTime : `${withTime}Z`);
  if (Number.isNaN(d.getTime())) {
    // Year 0001 and similar: Date copes, but guard anyway.
    return null;
  }
  return d;
}
