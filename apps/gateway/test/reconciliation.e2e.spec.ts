import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import type { ReconcileReport } from '@pcknop/nop-applier';
import { WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import { Decimal } from 'decimal.js';
import { ADMIN_TOKEN, article, creds, startGateway, type RunningGateway } from './support';

// GET /admin/tenants/:id/reconciliation over HTTP, with the tenant's shop in nop-sim.
// Under a loaded machine starting a gateway over a fresh database takes longer than jest's default 5 s.
jest.setTimeout(60_000);

describe('admin API: reconciliation', () => {
  let sim: NopSim;
  let gw: RunningGateway;
  beforeAll(async () => {
    process.env.SECRETS_KEY ??= Buffer.alloc(32, 9).toString('base64');
    sim = await startNopSim({ port: 0, seed: 3 });
    gw = await startGateway({ shopUrl: sim.url, shop: { email: 'admin@nop-sim.local', password: 'admin' } });
  });
  afterAll(async () => {
    await gw?.close();
    await sim?.close();
  });

  const get = (path: string, token = ADMIN_TOKEN) =>
    fetch(`${gw.url}/admin${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('is behind the bearer token', async () => {
    expect((await get(`/tenants/${gw.tenantId}/reconciliation`, 'wrong')).status).toBe(401);
  });

  it('reports a tenant with nothing staged and an empty shop as ok', async () => {
    const res = await get(`/tenants/${gw.tenantId}/reconciliation`);
    expect(res.status).toBe(200);
    const r = (await res.json()) as ReconcileReport;
    expect(r).toMatchObject({
      tenantId: gw.tenantId,
      ok: true,
      entities: { checked: 0, differences: [] },
      orders: { checked: 0, differences: [] },
    });
  });

  it('lists an article PCK sent that has not reached the shop, and a paid order PCK has not fetched', async () => {
    expect(
      (await gw.call('sendArticle', { ...creds, article: article(1001, Date.now()) })).result.operationResult,
    ).toBe(0);
    const shop = new WebApiBackendAdapter({
      baseUrl: sim.url,
      credentials: { email: 'admin@nop-sim.local', password: 'admin' },
    });
    await shop.upsertProduct({ sku: 'ANY-1', name: 'Sold in the shop', price: new Decimal(50) });
    await shop.close();
    sim.state.seedOrder({ items: [{ sku: 'ANY-1', quantity: 1, unitPrice: 50 }], adjustStock: false });
    const r = (await (await get(`/tenants/${gw.tenantId}/reconciliation`)).json()) as ReconcileReport;
    expect(r.ok).toBe(false);
    expect(r.entities.differences).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'backlog', field: 'pending' })]),
    );
    expect(r.orders.differences).toEqual([
      expect.objectContaining({ kind: 'order', field: 'staged', actual: 'not staged' }),
    ]);
  });

  it('answers 404 for an unknown tenant and 409 for a tenant without a shop', async () => {
    expect((await get('/tenants/00000000-0000-0000-0000-000000000000/reconciliation')).status).toBe(404);
    const t = await gw.db.repos.tenants.create({ name: 'Uten butikk', pckLogin: 9000, pckPassword: 'passord-9000' });
    const res = await get(`/tenants/${t.id}/reconciliation`);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/no shop/);
  });
});
