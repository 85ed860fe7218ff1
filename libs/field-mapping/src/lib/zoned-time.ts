/**
 * Wall-clock helpers for an IANA zone, on Intl only (Node ships full ICU). Used where PCK thinks in local dates:
 * an offer "to 31 March" must end at local midnight, which is 22:00 or 23:00 UTC depending on daylight saving.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'],
    month: parts['month'],
    day: parts['day'],
    hour: parts['hour'],
    minute: parts['minute'],
    second: parts['second'],
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** Offset of the zone from UTC at an instant, in ms (Oslo: +1 h in winter, +2 h in summer). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  return asUtc - instant.getTime();
}

/** The instant a local wall-clock time happens (for a skipped hour: the instant after the gap). */
export function instantOfWallTime(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  let t = guess - zoneOffsetMs(new Date(guess), timeZone);
  // A second pass settles instants near a switch, where the first offset was read on the wrong side.
  t = guess - zoneOffsetMs(new Date(t), timeZone);
  return new Date(t);
}

export function isLocalMidnight(instant: Date, timeZone: string): boolean {
  const w = wallTime(instant, timeZone);
  return w.hour === 0 && w.minute === 0 && w.second === 0 && w.millisecond === 0;
}

/** The next local midnight after the local date of `instant` (23, 24 or 25 hours later around DST switches). */
export function nextLocalMidnight(instant: Date, timeZone: string): Date {
  const w = wallTime(instant, timeZone);
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  return instantOfWallTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, timeZone);
}

/** Local ISO-like text with offset, for previews a shop owner reads ("2025-03-30T00:00:00+01:00"). */
export function formatLocal(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  const off = zoneOffsetMs(instant, timeZone) / 60000;
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number, l = 2): string => String(Math.abs(n)).padStart(l, '0');
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}
