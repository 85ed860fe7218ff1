import fc from 'fast-check';
import { buildAttributesXml, parseAttributesXml, sameAttributes } from './attributes-xml';
import { parseIdList } from './id-list';

describe('attributes XML codec', () => {
  const selection = fc
    .uniqueArray(fc.integer({ min: 1, max: 100000 }), { maxLength: 5 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.tuple(
            fc.constant(id),
            fc.array(fc.integer({ min: 1, max: 100000 }).map(String), { minLength: 1, maxLength: 3 }),
          ),
        ),
      ),
    )
    .map((pairs) => new Map(pairs));

  it('round-trips: parse(build(s)) equals s', () => {
    fc.assert(fc.property(selection, (s) => sameAttributes(parseAttributesXml(buildAttributesXml(s)), s)));
  });

  it('ignores order of mappings and values', () => {
    fc.assert(
      fc.property(selection, (s) => {
        const reversed = new Map([...s.entries()].reverse().map(([k, v]) => [k, [...v].reverse()]));
        return sameAttributes(parseAttributesXml(buildAttributesXml(reversed)), s);
      }),
    );
  });

  it('treats garbage and DOCTYPE as "no attributes"', () => {
    expect(parseAttributesXml('<Attributes><ProductAttribute')).toEqual(new Map());
    expect(parseAttributesXml('<!DOCTYPE x [<!ENTITY a "b">]><Attributes/>')).toEqual(new Map());
  });
});

describe("';'-separated id lists", () => {
  it('keeps exactly the integer entries', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 })), (ids) => {
        expect(parseIdList(ids.join(';'))).toEqual(ids);
      }),
    );
    expect(parseIdList('10,20')).toEqual([]);
    expect(parseIdList('10;x;;20')).toEqual([10, 20]);
  });
});
