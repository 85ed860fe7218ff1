import { formatAgo, formatCount, formatDuration, formatTime, percent } from './format';

describe('console formatting (Norwegian)', () => {
  it('writes durations in Norwegian units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(3 * 60_000 + 10_000)).toBe('3 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 t 5 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 t');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 t');
    expect(formatDuration(-1)).toBe('–');
    expect(formatDuration(null)).toBe('–');
  });

  it('writes times as dd.mm.yyyy hh:mm and nothing as a dash', () => {
    const d = new Date(2026, 11, 2, 9, 5);
    expect(formatTime(d)).toBe('02.12.2026 09:05');
    expect(formatTime(d.toISOString())).toBe('02.12.2026 09:05');
    expect(formatTime(null)).toBe('–');
    expect(formatTime('not a date')).toBe('–');
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(formatAgo('2026-12-02T11:59:58Z', now)).toBe('nå nettopp');
    expect(formatAgo('2026-12-02T11:57:00Z', now)).toBe('for 3 min siden');
    expect(formatAgo(undefined, now)).toBe('–');
  });

  it('groups thousands the Norwegian way and clamps percentages', () => {
    expect(formatCount(1234567).replace(/\s/g, ' ')).toBe('1 234 567');
    expect(formatCount(undefined)).toBe('–');
    expect(percent(250, 500)).toBe(50);
    expect(percent(600, 500)).toBe(100);
    expect(percent(0, 0)).toBe(100);
    expect(percent(1, 3)).toBe(33);
  });
});
