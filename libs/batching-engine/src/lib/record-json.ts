import { Decimal } from 'decimal.js';
import {
  TwinRecordKind,
  recordFromJson as twinRecordFromJson,
  recordToJson as twinRecordToJson,
  type TwinRecordKindName,
  type TwinDeletion,
  type TwinImage,
  type TwinProduct,
  type TwinRecord,
  type TwinStockLevel,
} from '@pcknop/twinxml';
import { BatchingError, BatchingErrorCode } from './batching-engine.exception';

/**
 * The JSON form of a TwinXML record as the staging store keeps it: twinxml's canonical `recordToJson` (what the
 * gateway stages). `readStagedRecord` reads it back with twinxml's `recordFromJson`. Only a tombstone may fall back
 * to a looser reading (the gateway keeps just the identity of a removed image there: owner, colour, position); a
 * live record twinxml rejects is an error naming the field, never filled in with guessed values such as a 0 price.
 */
export function toStagedJson(kind: string, record: unknown): unknown {
  return twinRecordToJson(kind as TwinRecordKindName, record as never);
}

/** A plain JSON copy of a model, bytes as `{ base64 }` (the fallback form). */
export function plainRecordJson(record: unknown): unknown {
  return JSON.parse(
    JSON.stringify(record, function (this: unknown, key: string, value: unknown) {
      const raw = (this as Record<string, unknown>)[key];
      if (raw instanceof Uint8Array)
        return { base64: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
      return value;
    }),
  ) as unknown;
}

type Json = Record<string, unknown>;

const dec = (v: unknown): Decimal | undefined =>
  v === undefined || v === null ? undefined : new Decimal(v as Decimal.Value);
const date = (v: unknown): Date | undefined => (v === undefined || v === null ? undefined : new Date(v as string));

function bytes(v: unknown): Uint8Array | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return Buffer.from(v, 'base64');
  const o = v as Json;
  if (typeof o.base64 === 'string') return Buffer.from(o.base64, 'base64');
  if (o.type === 'Buffer' && Array.isArray(o.data)) return Buffer.from(o.data as number[]);
  // JSON.stringify(Uint8Array): {"0":255,"1":216,...}
  const keys = Object.keys(o);
  const out = new Uint8Array(keys.length);
  for (const k of keys) out[Number(k)] = Number(o[k]);
  return out;
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function product(j: Json): TwinProduct {
  const p = { ...j } as unknown as TwinProduct;
  p.vatRate = dec(j.vatRate) ?? new Decimal(0);
  p.price = dec(j.price) ?? new Decimal(0);
  setIf(p, 'cost', dec(j.cost));
  setIf(p, 'weight', dec(j.weight));
  setIf(p, 'stock', dec(j.stock));
  if (j.offer) {
    const o = j.offer as Json;
    p.offer = { price: dec(o.price) ?? new Decimal(0) };
    setIf(p.offer, 'from', date(o.from));
    setIf(p.offer, 'to', date(o.to));
  }
  if (j.unitPricing) {
    const u = j.unitPricing as Json;
    p.unitPricing = {
      unit: String(u.unit),
      amount: dec(u.amount) ?? new Decimal(0),
      baseUnit: String(u.baseUnit),
      baseAmount: dec(u.baseAmount) ?? new Decimal(1),
    };
  }
  if (j.dimensions) {
    const d = j.dimensions as Json;
    p.dimensions = {
      length: dec(d.length) ?? new Decimal(0),
      width: dec(d.width) ?? new Decimal(0),
      height: dec(d.height) ?? new Decimal(0),
    };
  }
  p.gtins = (j.gtins as string[] | undefined) ?? [];
  p.categoryKeys = (j.categoryKeys as string[] | undefined) ?? [];
  p.manufacturerKeys = (j.manufacturerKeys as string[] | undefined) ?? [];
  p.variants = ((j.variants as Json[] | undefined) ?? []).map((v) => {
    const out = { ...v, gtins: (v.gtins as string[] | undefined) ?? [] } as unknown as TwinProduct['variants'][number];
    if (v.price !== undefined && v.price !== null) out.price = dec(v.price);
    else delete out.price;
    if (v.stock !== undefined && v.stock !== null) out.stock = dec(v.stock);
    else delete out.stock;
    return out;
  });
  return p;
}

function stock(j: Json): TwinStockLevel {
  const s = { ...j } as unknown as TwinStockLevel;
  s.onHand = dec(j.onHand) ?? new Decimal(0);
  s.asOf = date(j.asOf) ?? new Date(0);
  if (j.reserved !== undefined) s.reserved = dec(j.reserved);
  if (j.available !== undefined) s.available = dec(j.available);
  return s;
}

function image(j: Json): TwinImage {
  const i = { ...j } as unknown as TwinImage;
  const data = bytes(j.data);
  if (data) i.data = data;
  else delete i.data;
  return i;
}

function deletion(j: Json): TwinDeletion {
  return { ...j, deletedAt: date(j.deletedAt) ?? new Date(0) } as unknown as TwinDeletion;
}

/**
 * Staging flags that are not TwinXML fields (twinxml's reader drops them): a product staged with
 * `keepCategoryKeys: "true"` (or `true`) keeps its current categories.
 */
export function stagedFlags(kind: string, json: unknown): { keepCategoryKeys?: boolean } {
  if (kind !== TwinRecordKind.Product || json === null || typeof json !== 'object') return {};
  const flag = (json as Json).keepCategoryKeys;
  return flag === 'true' || flag === true ? { keepCategoryKeys: true } : {};
}

/** Reads a staged record (JSON form) back into the TwinXML model of its kind. */
export function readStagedRecord(kind: string, json: unknown, options: { tombstone?: boolean } = {}): TwinRecord {
  if (json === null || typeof json !== 'object')
    throw new BatchingError(BatchingErrorCode.InvalidRecord, `${kind}: not an object`);
  if (kind === TwinRecordKind.Order || kind === TwinRecordKind.OrderStatus) {
    throw new BatchingError(
      BatchingErrorCode.UnknownKind,
      `${kind} records do not travel to the shop in catalogue batches`,
    );
  }
  try {
    return twinRecordFromJson(kind as TwinRecordKindName, json) as TwinRecord;
  } catch (error) {
    if (options.tombstone) return plainFromJson(kind, json as Json);
    throw new BatchingError(BatchingErrorCode.InvalidRecord, `${kind}: ${(error as Error).message}`, { cause: error });
  }
}

function plainFromJson(kind: string, j: Json): TwinRecord {
  switch (kind as TwinRecordKind) {
    case TwinRecordKind.Category:
    case TwinRecordKind.Manufacturer:
      return { ...j } as unknown as TwinRecord;
    case TwinRecordKind.Product:
      return product(j);
    case TwinRecordKind.Stock:
      return stock(j);
    case TwinRecordKind.Image:
      return image(j);
    case TwinRecordKind.Deletion:
      return deletion(j);
    case TwinRecordKind.Order:
    case TwinRecordKind.OrderStatus:
      throw new BatchingError(
        BatchingErrorCode.UnknownKind,
        `${kind} records do not travel to the shop in catalogue batches`,
      );
    default:
      throw new BatchingError(BatchingErrorCode.UnknownKind, kind);
  }
}
