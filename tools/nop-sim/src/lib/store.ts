import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import type { Row } from './dto';

/** One table: rows by id, ids from an identity counter that never reuses a value (like SQL Server). */
export class Table {
  private rows = new Map<number, Row>();
  private nextId = 1;

  constructor(readonly name: string) {}

  insert(values: Record<string, unknown>): Row {
    const row = { ...values, id: this.nextId++ } as Row;
    this.rows.set(row.id, row);
    return { ...row };
  }

  get(id: number): Row | undefined {
    const row = this.rows.get(id);
    return row ? { ...row } : undefined;
  }

  has(id: number): boolean {
    return this.rows.has(id);
  }

  /** Replaces the stored row (whole-row semantics); returns false if the id is unknown. */
  replace(row: Row): boolean {
    if (!this.rows.has(row.id)) return false;
    this.rows.set(row.id, { ...row });
    return true;
  }

  /** Changes some columns of a stored row (used by service-level operations, never by Update). */
  patch(id: number, values: Record<string, unknown>): Row | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    const next = { ...row, ...values, id } as Row;
    this.rows.set(id, next);
    return { ...next };
  }

  remove(id: number): boolean {
    return this.rows.delete(id);
  }

  // Rows are kept in ascending id order: ids only grow, a Map iterates in insertion order, `replace`/`patch`
  // keep a row's place, and `load` inserts sorted. So lookups scan without sorting or copying every row.

  /** All rows by ascending id. */
  all(): Row[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }

  /** The rows matching `pred`, by ascending id; only the matches are copied. */
  where(pred: (row: Row) => boolean): Row[] {
    const out: Row[] = [];
    for (const row of this.rows.values()) if (pred(row)) out.push({ ...row });
    return out;
  }

  some(pred: (row: Row) => boolean): boolean {
    for (const row of this.rows.values()) if (pred(row)) return true;
    return false;
  }

  /** The lowest-id row matching `pred` (how nopCommerce picks among equal SKUs). */
  find(pred: (row: Row) => boolean): Row | undefined {
    for (const row of this.rows.values()) if (pred(row)) return { ...row };
    return undefined;
  }

  count(): number {
    return this.rows.size;
  }

  dump(): { nextId: number; rows: Row[] } {
    return { nextId: this.nextId, rows: this.all() };
  }

  load(data: { nextId: number; rows: Row[] }): void {
    this.rows = new Map([...data.rows].sort((a, b) => a.id - b.id).map((r) => [r.id, { ...r }]));
    this.nextId = data.nextId;
  }
}

export const TABLE_NAMES = [
  'products',
  'categories',
  'manufacturers',
  'productCategories',
  'productManufacturers',
  'productAttributes',
  'attributeMappings',
  'attributeValues',
  'combinations',
  'combinationPictures',
  'valuePictures',
  'tierPrices',
  'discounts',
  'discountProducts',
  'pictures',
  'productPictures',
  'orders',
  'orderItems',
  'orderNotes',
  'addresses',
  'customers',
  'customerRoles',
  'customerRoleMappings',
  'customerAddresses',
  'customerPasswords',
  'shipments',
  'shipmentItems',
  'stockHistory',
  'urlRecords',
] as const;

export type TableName = (typeof TABLE_NAMES)[number];

export interface StoreSnapshot {
  format: 'nop-sim-snapshot/1';
  tables: Record<string, { nextId: number; rows: Row[] }>;
  /** Picture bytes as base64, by picture id (kept out of the picture rows so listings stay small). */
  pictureBinaries: Record<string, string>;
}

/** The in-memory database. */
export class SimStore {
  readonly t: Record<TableName, Table>;
  pictureBinaries = new Map<number, Buffer>();

  constructor() {
    this.t = Object.fromEntries(TABLE_NAMES.map((n) => [n, new Table(n)])) as Record<TableName, Table>;
  }

  clear(): void {
    for (const name of TABLE_NAMES) this.t[name].load({ nextId: 1, rows: [] });
    this.pictureBinaries.clear();
  }

  snapshot(): StoreSnapshot {
    const tables: StoreSnapshot['tables'] = {};
    for (const name of TABLE_NAMES) tables[name] = this.t[name].dump();
    const pictureBinaries: Record<string, string> = {};
    for (const [id, buf] of this.pictureBinaries) pictureBinaries[String(id)] = buf.toString('base64');
    return { format: 'nop-sim-snapshot/1', tables, pictureBinaries };
  }

  restore(snap: StoreSnapshot): void {
    this.clear();
    for (const name of TABLE_NAMES) {
      const data = snap.tables[name];
      if (data) this.t[name].load(data);
    }
    for (const [id, b64] of Object.entries(snap.pictureBinaries ?? {})) {
      this.pictureBinaries.set(Number(id), Buffer.from(b64, 'base64'));
    }
  }

  saveTo(file: string): void {
    writeFileSync(file, JSON.stringify(this.snapshot()));
  }

  /** Loads a snapshot file if it exists; returns whether it did. */
  loadFrom(file: string): boolean {
    if (!existsSync(file)) return false;
    const snap = JSON.parse(readFileSync(file, 'utf8')) as StoreSnapshot;
    if (snap.format !== 'nop-sim-snapshot/1') throw new Error(`${file}: not a nop-sim snapshot`);
    this.restore(snap);
    return true;
  }
}
