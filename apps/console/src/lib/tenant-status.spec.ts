import { STATUS_TEXT, statusAdvice, tenantStatus, type TenantSummary } from './tenant-status';

const base: TenantSummary = {
  active: true,
  pending: 0,
  oldestPendingMs: null,
  deadLetters: 0,
  failedOrders: 0,
  lastBatchAt: null,
  lastPckCallAt: null,
  shopUnreachable: false,
};

describe('tenant status on the overview', () => {
  it('is in step with nothing pending and nothing failed', () => {
    expect(tenantStatus(base)).toBe('in-step');
  });
  it('is draining while work is pending', () => {
    expect(tenantStatus({ ...base, pending: 3 })).toBe('draining');
  });
  it('has problems with a dead letter or a failed order, even while draining', () => {
    expect(tenantStatus({ ...base, pending: 3, deadLetters: 1 })).toBe('problems');
    expect(tenantStatus({ ...base, failedOrders: 2 })).toBe('problems');
  });
  it('says the shop is unreachable before anything else, and inactive above all', () => {
    expect(tenantStatus({ ...base, deadLetters: 4, shopUnreachable: true })).toBe('unreachable');
    expect(tenantStatus({ ...base, active: false, shopUnreachable: true })).toBe('inactive');
  });
  it('is unknown when the backlog was not reported', () => {
    expect(tenantStatus({ ...base, pending: null })).toBe('unknown');
  });
  it('has Norwegian text and advice for every status', () => {
    for (const s of ['in-step', 'draining', 'problems', 'unreachable', 'inactive', 'unknown'] as const) {
      expect(STATUS_TEXT[s]).toMatch(/\S/);
      expect(statusAdvice(s)).toMatch(/\S/);
    }
  });
});
