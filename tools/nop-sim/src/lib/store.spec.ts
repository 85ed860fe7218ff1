import { Table } from './store';

describe('Table', () => {
  it('keeps rows in ascending id order through replace, patch and an unsorted load, so find is lowest-id-wins', () => {
    const t = new Table('products');
    const a = t.insert({ sku: 'X' });
    const b = t.insert({ sku: 'X' });
    t.replace({ ...a, name: 'replaced' });
    t.patch(a.id, { name: 'patched' });
    expect(t.find((r) => r['sku'] === 'X')?.id).toBe(a.id);
    expect(t.where((r) => r['sku'] === 'X').map((r) => r.id)).toEqual([a.id, b.id]);

    const copy = new Table('products');
    copy.load({ nextId: 10, rows: [{ ...b }, { ...a }] });
    expect(copy.find((r) => r['sku'] === 'X')?.id).toBe(a.id);
    expect(copy.all().map((r) => r.id)).toEqual([a.id, b.id]);
    expect(copy.insert({ sku: 'Y' }).id).toBe(10);
  });

  it('hands out copies: changing a returned row does not change the table', () => {
    const t = new Table('products');
    const row = t.insert({ sku: 'X' });
    const found = t.find(() => true)!;
    found['sku'] = 'changed';
    expect(t.get(row.id)?.['sku']).toBe('X');
    expect(t.some((r) => r['sku'] === 'changed')).toBe(false);
  });
});
