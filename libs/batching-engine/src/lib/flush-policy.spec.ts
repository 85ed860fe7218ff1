import { DelaySizeQuietPolicy, ImmediatePolicy } from './flush-policy';

describe('DelaySizeQuietPolicy', () => {
  const policy = new DelaySizeQuietPolicy({ maxDelayMs: 5000, maxBatchSize: 100, quietMs: 1000 });
  const at = (ms: number): Date => new Date(ms);

  it('waits while changes keep arriving, under the size and the delay', () => {
    expect(policy.decide({ due: 3, oldestPendingSince: at(0), newestChangeAt: at(900) }, 1000)).toEqual({
      flush: false,
      reason: 'wait',
    });
  });
  it('flushes on a quiet period', () => {
    expect(policy.decide({ due: 3, oldestPendingSince: at(0), newestChangeAt: at(1000) }, 2000).reason).toBe('quiet');
  });
  it('flushes on the max delay even while changes keep arriving', () => {
    expect(policy.decide({ due: 3, oldestPendingSince: at(0), newestChangeAt: at(4999) }, 5000).reason).toBe(
      'maxDelay',
    );
  });
  it('flushes on size at once', () => {
    expect(policy.decide({ due: 100, oldestPendingSince: at(0), newestChangeAt: at(0) }, 1).reason).toBe('maxSize');
  });
  it('does nothing with nothing due', () => {
    expect(policy.decide({ due: 0, oldestPendingSince: null, newestChangeAt: null }, 1).flush).toBe(false);
    expect(new ImmediatePolicy().decide({ due: 0, oldestPendingSince: null, newestChangeAt: null }).flush).toBe(false);
    expect(new ImmediatePolicy().decide({ due: 1, oldestPendingSince: null, newestChangeAt: null }).flush).toBe(true);
  });
  it('has the documented defaults', () => {
    const d = new DelaySizeQuietPolicy();
    expect([d.maxDelayMs, d.maxBatchSize, d.quietMs]).toEqual([5000, 500, 1000]);
  });
});
