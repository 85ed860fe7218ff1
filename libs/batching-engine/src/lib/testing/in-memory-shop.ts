import type { Decimal } from 'decimal.js';

export interface MemoryProduct {
  id: number;
  sku: string;
  name: string;
  price: string;
  published: boolean;
  deleted: boolean;
  stock: number;
  parentId: number | null;
  categoryIds: number[];
  manufacturerIds: number[];
  /** Dated qty-1 tier prices. */
  tierPrices: Array<{ price: string; from: string | null; to: string | null }>;
  pictures: Array<{ id: number; contentHash: string; displayOrder: number }>;
  /** attributeCombinations mode. */
  combinations: Array<{ id: number; sku: string; stock: number }>;
}

export interface MemoryCategory {
  id: number;
  name: string;
  parentId: number;
  published: boolean;
}

export interface MemoryShopFaults {
  /** Probability (0..1) that a call fails. */
  errorRate?: number;
  /** 'after': the call takes effect and then fails (a lost reply). */
  errorPhase?: 'before' | 'after';
  /** Calls touching these SKUs always fail (a poison record). */
  failSkus?: string[];
  latencyMs?: number;
  /** The whole shop is down (401, 503, refused…): every call fails with this fault, probes too. */
  outage?: ShopFault;
}

import type { ShopFault } from '../shop-fault';

/** A tiny in-memory shop for the testing applier: rows, call counts and injectable faults. */
export class InMemoryShop {
  readonly products = new Map<number, MemoryProduct>();
  readonly categories = new Map<number, MemoryCategory>();
  readonly manufacturers = new Map<number, { id: number; name: string; published: boolean }>();
  calls = 0;
  faults: MemoryShopFaults = {};
  private nextId = 1;
  private rng: () => number;

  constructor(seed = 42) {
    let a = seed >>> 0;
    // mulberry32: reproducible fault schedules.
    this.rng = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  id(): number {
    return this.nextId++;
  }

  /** One shop call: counts it, applies latency and faults around `action`. */
  async call<T>(what: string, action: () => T, sku?: string): Promise<T> {
    this.calls++;
    if (this.faults.latencyMs) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    const poisoned = sku !== undefined && (this.faults.failSkus ?? []).includes(sku);
    const fail = poisoned || this.rng() < (this.faults.errorRate ?? 0);
    if (fail && (poisoned || this.faults.errorPhase !== 'after')) throw new Error(`503 injected (${what})`);
    const result = action();
    if (fail) throw new Error(`500 injected after the fact (${what})`);
    return result;
  }

  productsBySku(sku: string): MemoryProduct[] {
    return [...this.products.values()].filter((p) => p.sku === sku && !p.deleted);
  }

  wire(d: Decimal): string {
    return d.toFixed(4);
  }
}
