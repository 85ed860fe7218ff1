import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EntityRepository } from '@pcknop/staging-store';

export interface GatewayMetrics {
  registry: Registry;
  calls: Counter<'operation' | 'result'>;
  latency: Histogram<'operation'>;
  authFailures: Counter;
}

/**
 * Prometheus metrics of one gateway app (own registry, so several apps in one process — tests — do not clash):
 * PCK calls by operation and operationResult, latency per operation, and the staged backlog per tenant, read from
 * the store at scrape time (bounded: a slow database gives a stale-free empty gauge rather than a hung scrape).
 */
export function createMetrics(entities: Pick<EntityRepository, 'backlog'>): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gateway_' });
  const calls = new Counter({
    name: 'pck_calls_total',
    help: 'PCK SOAP calls by operation and operationResult (fault = SOAP Fault, invalid = rejected payload)',
    labelNames: ['operation', 'result'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'pck_call_duration_seconds',
    help: 'Time from request received to answer sent, per operation',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.002, 0.003, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const authFailures = new Counter({
    name: 'pck_auth_failures_total',
    help: 'Wrong PCK credentials',
    registers: [registry],
  });
  new Gauge({
    name: 'staged_backlog',
    help: 'Staged entities not yet applied to the shop, per tenant (state: pending, due, dead_lettered)',
    labelNames: ['tenant', 'state'] as const,
    registers: [registry],
    // Every worker reads the same table: across a cluster the value is one worker's, not the sum.
    aggregator: 'first',
    async collect() {
      this.reset();
      const rows = await Promise.race([
        entities.backlog().catch(() => []),
        new Promise<[]>((resolve) => setTimeout(() => resolve([]), 2000).unref()),
      ]);
      for (const b of rows) {
        this.set({ tenant: b.tenantId, state: 'pending' }, b.pending);
        this.set({ tenant: b.tenantId, state: 'due' }, b.due);
        this.set({ tenant: b.tenantId, state: 'dead_lettered' }, b.deadLettered);
      }
    },
  });
  return { registry, calls, latency, authFailures };
}
