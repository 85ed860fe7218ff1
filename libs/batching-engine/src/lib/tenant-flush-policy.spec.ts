import type { DelaySizeQuietOptions } from './flush-policy';
import { TenantFlushPolicy } from './tenant-flush-policy';

describe('TenantFlushPolicy', () => {
  const at = (ms: number): Date => new Date(ms);
  const overrides = new Map<string, DelaySizeQuietOptions>([
    ['slow', { maxDelayMs: 60_000, quietMs: 30_000 }],
    ['small', { maxBatchSize: 10 }],
  ]);
  const policy = new TenantFlushPolicy({ maxDelayMs: 5000, maxBatchSize: 100, quietMs: 1000 }, (id) =>
    overrides.get(id),
  );
  const arriving = { due: 3, oldestPendingSince: at(0), newestChangeAt: at(4000) };

  it('a tenant without overrides follows the defaults', () => {
    expect(policy.decide({ tenantId: 'plain', ...arriving }, 5000).reason).toBe('maxDelay');
    expect(
      policy.decide({ tenantId: 'plain', due: 3, oldestPendingSince: at(0), newestChangeAt: at(0) }, 2000).reason,
    ).toBe('quiet');
    expect(policy.maxBatchSizeOf('plain')).toBe(100);
  });

  it('a tenant with its own flush option waits as it says, other settings from the defaults', () => {
    expect(policy.decide({ tenantId: 'slow', ...arriving }, 5000)).toEqual({ flush: false, reason: 'wait' });
    expect(policy.decide({ tenantId: 'slow', ...arriving }, 60_000).reason).toBe('maxDelay');
    expect(
      policy.decide({ tenantId: 'slow', due: 100, oldestPendingSince: at(0), newestChangeAt: at(0) }, 1).reason,
    ).toBe('maxSize');
    expect(policy.maxBatchSizeOf('slow')).toBe(100);
  });

  it('caps a tenant batch at its own size, and picks up an edited override', () => {
    expect(policy.maxBatchSizeOf('small')).toBe(10);
    expect(
      policy.decide({ tenantId: 'small', due: 10, oldestPendingSince: at(0), newestChangeAt: at(0) }, 1).reason,
    ).toBe('maxSize');
    overrides.set('small', { maxBatchSize: 20 });
    expect(policy.maxBatchSizeOf('small')).toBe(20);
    expect(policy.maxBatchSize).toBe(100);
  });
});
