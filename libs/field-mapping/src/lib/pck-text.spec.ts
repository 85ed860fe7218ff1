import { fillTemplate, isValidGtin, pickGtins, plainTextToHtml } from './pck-text';
import { shownStock } from './shown-stock';

describe('text helpers', () => {
  it('escapes and keeps line breaks', () => {
    expect(plainTextToHtml('Rød & blå <3\nLinje 2')).toBe('Rød &amp; blå &lt;3<br />\nLinje 2');
  });
  it('fills templates and collapses gaps', () => {
    expect(fillTemplate('{name} {color} {size}', { name: 'Genser', color: '', size: 'M' })).toBe('Genser M');
    expect(fillTemplate('{sku}-{typo}', { sku: 'A1' })).toBe('A1-{typo}');
  });
  it('checks GTIN digits', () => {
    expect(isValidGtin('7038010055690')).toBe(true);
    expect(isValidGtin('7038010055691')).toBe(false);
    expect(pickGtins([' 7038010055691', '7038010055690', 'abc', '7038010055690'], 'firstValid')).toEqual([
      '7038010055690',
      '7038010055691',
    ]);
    expect(pickGtins(['7038010055691', '7038010055690'], 'first')[0]).toBe('7038010055691');
  });
});

describe('shownStock', () => {
  it('subtracts webstockLimit and never goes below zero', () => {
    expect(shownStock(10, 3, true).toNumber()).toBe(7);
    expect(shownStock(2, 3, true).toNumber()).toBe(0);
    expect(shownStock(-4, 0, true).toNumber()).toBe(0);
    expect(shownStock(10, 3, false).toNumber()).toBe(10);
    expect(shownStock(undefined, undefined, true).toNumber()).toBe(0);
  });
});
