import fc from 'fast-check';
import { fitName, TWIN_NAME_MAX_LENGTH } from './twin-schema-fit';

describe('fitName', () => {
  it('replaces control characters by spaces, with a warning', () => {
    const warnings: string[] = [];
    expect(fitName('\u0085Gen\u0009ser\u007f', 'article 1: name', warnings)).toBe(' Gen ser ');
    expect(warnings).toEqual(['article 1: name: control characters replaced by spaces']);
    const none: string[] = [];
    expect(fitName('Genser  blå', 'x', none)).toBe('Genser  blå');
    expect(none).toEqual([]);
  });

  it('property: the result never holds a control character nor more than 400 code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 1200 }), (s) => {
        const out = fitName(s, 'x', []);
        expect(out).not.toMatch(/\p{Cc}/u);
        expect(Array.from(out).length).toBeLessThanOrEqual(TWIN_NAME_MAX_LENGTH);
      }),
    );
  });
});
