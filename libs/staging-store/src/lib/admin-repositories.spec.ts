import { createTestStore } from '../testing';
import { hashOperatorToken } from './operator-token-repository';

// The repository methods behind the admin API: operator tokens, audit log, reconciliation jobs, dead-letter
// listing and dismissal, re-staging, progress figures, paging and tenant deletion.
describe('admin repositories', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let tenantId: string;
  let otherId: string;
  beforeAll(async () => {
    ctx = await createTestStore();
    tenantId = (await ctx.repos.tenants.create({ name: 'A', pckLogin: 1, pckPassword: 'passord-1' })).id;
    otherId = (await ctx.repos.tenants.create({ name: 'B', pckLogin: 2, pckPassword: 'passord-2' })).id;
  });
  afterAll(() => ctx.close());

  const stage = (tid: string, key: string, kind = 'product') =>
    ctx.repos.entities.stage(tid, [{ kind, key, record: { key }, pckTimestamp: BigInt(Date.now()) }]);
  async function deadLetter(tid: string, key: string, kind = 'product'): Promise<void> {
    await stage(tid, key, kind);
    const claimed = await ctx.repos.entities.claim(tid, 'w', { limit: 100, leaseMs: 60_000 });
    const mine = claimed.filter((c) => c.key === key);
    await ctx.repos.entities.complete(
      tid,
      'w',
      mine.map((c) => ({ kind: c.kind, key: c.key, version: c.version, ok: false, error: `boom ${key}` })),
      { maxAttempts: 1 },
    );
    await ctx.repos.entities.release(tid, 'w');
  }

  it('operator tokens: only the hash is stored, authenticate finds live tokens, revoke ends them', async () => {
    const { token, record } = await ctx.repos.operatorTokens.create(tenantId, 'eier');
    expect(token).toMatch(/^pcknop_op_[A-Za-z0-9_-]{43}$/);
    const raw = await ctx.store.pool.query('SELECT token_hash FROM operator_token WHERE id = $1', [record.id]);
    expect(raw.rows[0].token_hash).toBe(hashOperatorToken(token));
    expect((await ctx.repos.operatorTokens.authenticate(token))?.tenantId).toBe(tenantId);
    expect((await ctx.repos.operatorTokens.list(tenantId))[0].lastUsedAt).not.toBeNull();
    expect(await ctx.repos.operatorTokens.authenticate(`${token}x`)).toBeNull();
    expect(await ctx.repos.operatorTokens.revoke(otherId, record.id)).toBe(false);
    expect(await ctx.repos.operatorTokens.revoke(tenantId, record.id)).toBe(true);
    expect(await ctx.repos.operatorTokens.authenticate(token)).toBeNull();
  });

  it('audit log: newest first, filtered by tenant, paged by id', async () => {
    await ctx.repos.auditLog.append({
      actor: 'integrator',
      action: 'tenant.create',
      tenantId,
      target: tenantId,
      details: { name: 'A' },
    });
    await ctx.repos.auditLog.append({ actor: 'integrator', action: 'tenant.create', tenantId: otherId });
    await ctx.repos.auditLog.append({
      actor: 'operator:x',
      action: 'problems.requeue',
      tenantId,
      details: { count: 2 },
    });
    const mine = await ctx.repos.auditLog.list({ tenantId });
    expect(mine.map((e) => e.action)).toEqual(['problems.requeue', 'tenant.create']);
    expect(mine[1].details).toEqual({ name: 'A' });
    expect((await ctx.repos.auditLog.list({ tenantId, beforeId: mine[0].id })).map((e) => e.action)).toEqual([
      'tenant.create',
    ]);
    expect((await ctx.repos.auditLog.list()).length).toBe(3);
  });

  it('dead letters are listed with record and error, dismissed with a reason, and restage queues entities again', async () => {
    await deadLetter(tenantId, 'a:1');
    await deadLetter(tenantId, 'a:2');
    await deadLetter(tenantId, 'g:1', 'category');
    await deadLetter(otherId, 'a:1');
    const all = await ctx.repos.entities.deadLetters(tenantId);
    expect(all.total).toBe(3);
    expect(all.items.map((d) => d.key).sort()).toEqual(['a:1', 'a:2', 'g:1']);
    expect(all.items[0]).toMatchObject({ attempts: 1, record: { key: all.items[0].key } });
    expect(all.items.find((d) => d.key === 'a:2')?.lastError).toBe('boom a:2');
    const page = await ctx.repos.entities.deadLetters(tenantId, { kind: 'product', limit: 1, offset: 5 });
    expect(page).toEqual({ total: 2, items: [] });

    expect(await ctx.repos.entities.dismissDeadLetters(tenantId, { keys: ['a:2'] }, 'vare utgått')).toBe(1);
    const [dismissed] = await ctx.repos.entities.get(tenantId, 'product', ['a:2']);
    expect(dismissed).toMatchObject({ deadLetteredAt: null, lastError: 'dismissed: vare utgått' });
    expect(dismissed.appliedVersion).toBe(dismissed.dirtyVersion);
    expect((await ctx.repos.entities.deadLetters(otherId)).total).toBe(1);

    const pending = await ctx.repos.entities.pendingByKind(tenantId);
    expect(pending).toEqual([
      { kind: 'category', pending: 0, deadLettered: 1, oldestPendingSince: null },
      { kind: 'product', pending: 0, deadLettered: 1, oldestPendingSince: null },
    ]);
    expect(await ctx.repos.entities.restage(tenantId, ['a:2', 'a:1'])).toBe(2);
    const after = await ctx.repos.entities.pendingByKind(tenantId);
    expect(after.find((p) => p.kind === 'product')).toMatchObject({ pending: 2, deadLettered: 0 });
    expect(after.find((p) => p.kind === 'product')?.oldestPendingSince).toBeInstanceOf(Date);
  });

  it('batches page newest first with receipt counts, and appliedSince counts ok receipts', async () => {
    const since = new Date(Date.now() - 1000);
    const b1 = await ctx.repos.batches.create(tenantId, { document: '<a/>', recordCount: 2 });
    await ctx.repos.batches.finish(b1.id, 'partial', [
      { kind: 'product', key: 'a:1', version: 1n, status: 'ok' },
      { kind: 'product', key: 'a:2', version: 1n, status: 'failed', message: 'x' },
    ]);
    const b2 = await ctx.repos.batches.create(tenantId, { document: '<b/>', recordCount: 1 });
    await ctx.repos.batches.finish(b2.id, 'done', [{ kind: 'product', key: 'a:3', version: 1n, status: 'ok' }]);
    const page = await ctx.repos.batches.page(tenantId, { limit: 1 });
    expect(page.map((b) => b.id)).toEqual([b2.id]);
    expect(page[0].receipts).toEqual({ ok: 1, failed: 0, skipped: 0 });
    const older = await ctx.repos.batches.page(tenantId, { beforeSequence: page[0].sequence });
    expect(older.map((b) => [b.id, b.receipts.failed])).toEqual([[b1.id, 1]]);
    expect(await ctx.repos.batches.appliedSince(tenantId, since)).toBe(2);
    expect(await ctx.repos.batches.appliedSince(otherId, since)).toBe(0);
  });

  it('reconciliation jobs: queued → running with progress → done; nightly runs recorded in one step', async () => {
    const job = await ctx.repos.reconciliationJobs.create(tenantId, {
      trigger: 'manual',
      repair: true,
      requestedBy: 'integrator',
    });
    expect(job.state).toBe('queued');
    await ctx.repos.reconciliationJobs.start(job.id);
    await ctx.repos.reconciliationJobs.progress(job.id, 3, 10);
    expect(await ctx.repos.reconciliationJobs.get(tenantId, job.id)).toMatchObject({
      state: 'running',
      progress: { done: 3, total: 10 },
    });
    expect(await ctx.repos.reconciliationJobs.get(otherId, job.id)).toBeNull();
    await ctx.repos.reconciliationJobs.finish(job.id, { ok: true });
    expect(await ctx.repos.reconciliationJobs.get(tenantId, job.id)).toMatchObject({
      state: 'done',
      result: { ok: true },
      progress: { done: 10, total: 10 },
    });
    await ctx.repos.reconciliationJobs.record(tenantId, {
      trigger: 'nightly',
      repair: false,
      result: { ok: false },
      startedAt: new Date(),
    });
    const nightly = await ctx.repos.reconciliationJobs.list(tenantId, { trigger: 'nightly' });
    expect(nightly.map((j) => [j.state, j.result])).toEqual([['done', { ok: false }]]);
    const stale = await ctx.repos.reconciliationJobs.create(tenantId, { trigger: 'manual', repair: false });
    expect(await ctx.repos.reconciliationJobs.failStale(new Date(Date.now() + 1000))).toBe(1);
    expect((await ctx.repos.reconciliationJobs.get(tenantId, stale.id))?.state).toBe('failed');
  });

  it('call log pages per tenant; removing a tenant deletes its data and its call log, not the audit log', async () => {
    await ctx.repos.callLog.appendMany([
      { tenantId: otherId, operation: 'sendArticle', result: 0, durationMs: 3 },
      { tenantId: otherId, operation: 'getOrders', result: 0, durationMs: 9 },
      { tenantId, operation: 'sendArticle', result: 1, durationMs: 2 },
    ]);
    const calls = await ctx.repos.callLog.page(otherId);
    expect(calls.map((c) => c.operation)).toEqual(['getOrders', 'sendArticle']);
    expect((await ctx.repos.callLog.page(otherId, { beforeId: calls[0].id })).map((c) => c.operation)).toEqual([
      'sendArticle',
    ]);
    expect(await ctx.repos.tenants.remove(otherId)).toBe(true);
    expect(await ctx.repos.tenants.get(otherId)).toBeNull();
    expect(await ctx.repos.callLog.page(otherId)).toEqual([]);
    expect((await ctx.repos.entities.deadLetters(otherId)).total).toBe(0);
    expect((await ctx.repos.auditLog.list({ tenantId: otherId })).length).toBe(1);
    expect((await ctx.repos.callLog.page(tenantId)).length).toBe(1);
    expect(await ctx.repos.tenants.remove(otherId)).toBe(false);
  });

  it('web order and delivery timelines', async () => {
    await ctx.repos.webOrders.stage(tenantId, [
      { shopOrderId: 9, record: {}, paidAt: new Date('2026-01-01T10:00:00Z') },
    ]);
    await ctx.repos.webOrders.handOver(tenantId, { acknowledgesWithStatus: true });
    await ctx.repos.webOrders.markTransferred(tenantId, 9);
    const t = await ctx.repos.webOrders.timeline(tenantId, 9);
    expect(t?.paidAt?.toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(t?.lastReturnedAt).toBeInstanceOf(Date);
    expect(t?.transferredAt).toBeInstanceOf(Date);
    expect(await ctx.repos.webOrders.timeline(tenantId, 10)).toBeNull();
    await ctx.repos.deliveries.begin(tenantId, 'delivery:1', 9, {});
    await ctx.repos.deliveries.progress(tenantId, 'delivery:1', { state: 'failed', lastError: 'nope' });
    expect((await ctx.repos.deliveries.list(tenantId, 'failed')).map((d) => [d.ref, d.lastError])).toEqual([
      ['delivery:1', 'nope'],
    ]);
    expect((await ctx.repos.deliveries.timeline(tenantId, 9)).map((d) => d.state)).toEqual(['failed']);
  });
});
