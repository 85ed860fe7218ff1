/** Norwegian (bokmål) formatting of what the console shows: numbers, times, durations. */

const numberFormat = new Intl.NumberFormat('nb-NO');

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return numberFormat.format(n);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "02.12.2026 14:05" in the browser's time zone; "–" for nothing. */
export function formatTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '–';
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A duration in words: "40 s", "3 min", "2 t 5 min", "3 d 4 t". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} t ${min % 60} min` : `${h} t`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} t` : `${d} d`;
}

/** "for 3 min siden" relative to `now`. */
export function formatAgo(value: string | number | Date | null | undefined, now: number = Date.now()): string {
  if (value === null || value === undefined || value === '') return '–';
  const t = (value instanceof Date ? value : new Date(value)).getTime();
  if (Number.isNaN(t)) return '–';
  const ms = now - t;
  if (ms < 5000) return 'nå nettopp';
  return `for ${formatDuration(ms)} siden`;
}

/** Whole percent done of `done` out of `total`, clamped to 0–100. */
export function percent(done: number, total: number): number {
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}
