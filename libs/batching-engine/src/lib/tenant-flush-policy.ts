import {
  DelaySizeQuietPolicy,
  type DelaySizeQuietOptions,
  type FlushDecision,
  type FlushPolicy,
  type QueueState,
} from './flush-policy';

/**
 * Delay/size/quiet with per-tenant overrides (a tenant's `flush` option) laid over the defaults (BATCH_*). The
 * overrides are looked up synchronously on every decision, so a tenant edited while running takes effect as soon as
 * the lookup returns its new values.
 */
export class TenantFlushPolicy implements FlushPolicy {
  private readonly base: DelaySizeQuietPolicy;
  private readonly perTenant = new Map<string, { key: string; policy: DelaySizeQuietPolicy }>();

  constructor(
    defaults: DelaySizeQuietOptions,
    private readonly overridesOf: (tenantId: string) => DelaySizeQuietOptions | undefined,
  ) {
    this.base = new DelaySizeQuietPolicy(defaults);
  }

  get maxBatchSize(): number {
    return this.base.maxBatchSize;
  }

  maxBatchSizeOf(tenantId: string): number {
    return this.policyOf(tenantId).maxBatchSize;
  }

  decide(state: QueueState, nowMs: number): FlushDecision {
    return (state.tenantId === undefined ? this.base : this.policyOf(state.tenantId)).decide(state, nowMs);
  }

  private policyOf(tenantId: string): DelaySizeQuietPolicy {
    const o = this.overridesOf(tenantId);
    if (!o || (o.maxDelayMs === undefined && o.maxBatchSize === undefined && o.quietMs === undefined)) return this.base;
    const key = `${o.maxDelayMs}/${o.maxBatchSize}/${o.quietMs}`;
    const cached = this.perTenant.get(tenantId);
    if (cached?.key === key) return cached.policy;
    const policy = new DelaySizeQuietPolicy({
      maxDelayMs: o.maxDelayMs ?? this.base.maxDelayMs,
      maxBatchSize: o.maxBatchSize ?? this.base.maxBatchSize,
      quietMs: o.quietMs ?? this.base.quietMs,
    });
    this.perTenant.set(tenantId, { key, policy });
    return policy;
  }
}
