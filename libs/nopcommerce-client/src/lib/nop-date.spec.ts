import { formatUtc, nopDateIso, parseNopDate } from './nop-date';

describe('nop dates', () => {
  it('reads a zone-less nop date-time as UTC and keeps a zone that is there', () => {
    expect(parseNopDate('2025-03-03T07:00:00')?.toISOString()).toBe('2025-03-03T07:00:00.000Z');
    expect(parseNopDate('2025-03-03T07:00:00.123')?.toISOString()).toBe('2025-03-03T07:00:00.123Z');
    expect(parseNopDate('2025-03-03T08:00:00+01:00')?.toISOString()).toBe('2025-03-03T07:00:00.000Z');
    expect(parseNopDate('2025-03-03T08:00:00+0100')?.toISOString()).toBe('2025-03-03T07:00:00.000Z');
    expect(parseNopDate('2025-03-03T07:00:00Z')?.toISOString()).toBe('2025-03-03T07:00:00.000Z');
  });

  it('has no instant for null, empty, unreadable or DateTime.MinValue', () => {
    for (const none of [null, undefined, '', 'soon', '0001-01-01T00:00:00']) expect(parseNopDate(none)).toBeUndefined();
  });

  it('adds the missing Z for ISO 8601 and writes UTC without it, round-tripping', () => {
    expect(nopDateIso('2025-03-03T07:00:00')).toBe('2025-03-03T07:00:00Z');
    expect(nopDateIso('2025-03-03T07:00:00-02:00')).toBe('2025-03-03T07:00:00-02:00');
    const at = new Date('2025-11-28T12:34:56Z');
    expect(formatUtc(at)).toBe('2025-11-28T12:34:56');
    expect(parseNopDate(formatUtc(at))).toEqual(at);
  });
});
