import type { BatchSummary } from '@pcknop/batching-engine';
import type { ShopExchange } from '@pcknop/nopcommerce-client';
import type { Repositories } from '@pcknop/staging-store';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface SchedulerMetrics {
  registry: Registry;
  /** Feed every batch summary here (`Scheduler`'s onBatch). */
  batch(summary: BatchSummary): void;
  /** Feed every HTTP exchange with a shop here (the applier's onExchange). */
  shopCall(exchange: ShopExchange): void;
}

/** What a shop call came to: its HTTP status, or why no answer came (`timeout`, `network`). */
export function shopCallResult(x: ShopExchange): string {
  if (x.status !== undefined) return String(x.status);
  return (x.code ?? 'unknown').toLowerCase();
}

/**
 * Prometheus metrics of one scheduler (own registry): batch durations and records by result, shop calls by result,
 * and — read from PostgreSQL at scrape time, so every scheduler reports the same — per tenant the age of the
 * oldest pending change, pending changes, dead letters, and whether its flush is paused by a shop outage.
 */
export function createSchedulerMetrics(repos: Pick<Repositories, 'entities' | 'flushPauses'>): SchedulerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'scheduler_' });
  const duration = new Histogram({
    name: 'scheduler_batch_duration_seconds',
    help: 'Time from claim to completion of one batch (claim, document, shop calls, receipts)',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300],
    registers: [registry],
  });
  const records = new Counter({
    name: 'scheduler_batch_records_total',
    help: 'Records of batches by result (applied, skipped, failed, dead_lettered)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const calls = new Counter({
    name: 'scheduler_shop_calls_total',
    help: 'HTTP exchanges with the shops (retries included) by result: HTTP status, or timeout / network when no answer came',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  // Scrape-time reads, bounded: a slow database gives empty gauges rather than a hung scrape.
  const bounded = <T>(p: Promise<T[]>): Promise<T[]> =>
    Promise.race([p.catch(() => []), new Promise<T[]>((resolve) => setTimeout(() => resolve([]), 2000).unref())]);
  new Gauge({
    name: 'scheduler_oldest_pending_age_seconds',
    help: 'Age of the oldest change not yet in the shop, per tenant (dead letters excluded)',
    labelNames: ['tenant'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const b of await bounded(repos.entities.backlog()))
        if (b.oldestPendingSince) this.set({ tenant: b.tenantId }, (now - b.oldestPendingSince.getTime()) / 1000);
    },
  });
  new Gauge({
    name: 'scheduler_backlog',
    help: 'Staged entities not yet in the shop, per tenant (state: pending, dead_lettered)',
    labelNames: ['tenant', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const b of await bounded(repos.entities.backlog())) {
        this.set({ tenant: b.tenantId, state: 'pending' }, b.pending);
        this.set({ tenant: b.tenantId, state: 'dead_lettered' }, b.deadLettered);
      }
    },
  });
  new Gauge({
    name: 'scheduler_flush_paused',
    help: "1 while a tenant's flush is paused by a shop outage (code: auth, forbidden, rate-limited, server, timeout, unreachable, circuit-open)",
    labelNames: ['tenant', 'code'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const p of await bounded(repos.flushPauses.list()))
        if (p.active) this.set({ tenant: p.tenantId, code: p.code }, 1);
    },
  });
  return {
    registry,
    batch(s) {
      if (s.claimed === 0) return;
      duration.observe(s.durationMs / 1000);
      records.inc({ result: 'applied' }, s.applied);
      records.inc({ result: 'skipped' }, s.skipped);
      records.inc({ result: 'failed' }, s.failed);
      records.inc({ result: 'dead_lettered' }, s.deadLettered);
    },
    shopCall(x) {
      calls.inc({ result: shopCallResult(x) });
    },
  };
}
