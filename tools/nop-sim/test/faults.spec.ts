import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api, Dto, startWithApi } from './support/api';
import { startNopSim } from '../src';
import type { NopSim } from '../src';

async function statuses(api: Api, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await api.get('/Product/GetAll?pageSize=1')).status);
  return out;
}

describe('fault injection and control API', () => {
  let sim: NopSim;
  let api: Api;
  beforeAll(async () => {
    ({ sim, api } = await startWithApi({ version: '4.70', seed: 7 }));
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.faults.reset(7);
    sim.state.reset();
    await api.login();
  });

  it('a seeded error rate gives the same 500 "deadlock" schedule every time', async () => {
    sim.faults.reset(123);
    sim.faults.set({ errorRate: 0.3 });
    const first = await statuses(api, 30);
    sim.faults.reset(123);
    sim.faults.set({ errorRate: 0.3 });
    expect(await statuses(api, 30)).toEqual(first);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
    const res = await (async () => {
      sim.faults.set({ errorRate: 1 });
      return api.get<Record<string, unknown>>('/Product/GetAll');
    })();
    expect(String(res.body.message)).toMatch(/deadlocked/);
  });

  it("a 503 burst hits the next N calls with the rate limiter's empty 503", async () => {
    sim.faults.set({ burst503: 2 });
    expect(await statuses(api, 3)).toEqual([503, 503, 200]);
  });

  it('the 4.70 rate limiter: fixed window per Host, 503 without Retry-After, reopens after the window', async () => {
    sim.faults.set({ rateLimit: { permitLimit: 2, windowMs: 60_000 } });
    const res = await statuses(api, 3);
    expect(res).toEqual([200, 200, 503]);
    const raw = await fetch(`${sim.url}/api-backend/Product/GetAll`, {
      headers: { Authorization: `Bearer ${api.token!}` },
    });
    expect(raw.headers.get('retry-after')).toBeNull();
    sim.clock.advance(60_000);
    expect(await statuses(api, 1)).toEqual([200]);
    sim.clock.reset();
  });

  it("errorPhase 'after': the write happens, the client still sees a 500", async () => {
    sim.faults.set({ errorRate: 1, errorPhase: 'after', pathFilter: '/Product/Create' });
    const res = await api.post('/Product/Create', { name: 'X', sku: 'X' });
    expect(res.status).toBe(500);
    expect(sim.state.productsBySku('X')).toHaveLength(1);
  });

  it('connection resets make fetch fail; latency is injected and counted', async () => {
    sim.faults.set({ resetRate: 1 });
    await expect(fetch(`${sim.url}/api-backend/Product/GetAll`)).rejects.toThrow();
    sim.faults.set({ resetRate: 0, latencyMs: 5, latencyJitterMs: 5 });
    expect(await statuses(api, 2)).toEqual([200, 200]);
    expect(sim.faults.injected()).toMatchObject({ reset: 1, delayed: 2 });
  });

  it('HTTP admin routes: set faults, seed an order, read state and call counts, reset', async () => {
    const set = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ burst503: 1 }),
    });
    expect(((await set.json()) as { burst503: number }).burst503).toBe(1);
    expect(await statuses(api, 2)).toEqual([503, 200]);
    const bad = await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(bad.status).toBe(400);
    await api.post('/Product/Create', { name: 'Shirt', sku: 'SH' });
    const seeded = await fetch(`${sim.url}/__sim/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ sku: 'SH', quantity: 1, unitPrice: 10 }] }),
    });
    expect(((await seeded.json()) as { order: Dto }).order.payment_status_id).toBe(30);
    expect(((await (await fetch(`${sim.url}/__sim/state/orders`)).json()) as Dto[]).length).toBe(1);
    const calls = (await (await fetch(`${sim.url}/__sim/calls`)).json()) as Record<string, number>;
    expect(calls['GET /api-backend/Product/GetAll']).toBe(2);
    expect(sim.state.callCount('GET', '/Product/GetAll')).toBe(2);
    expect((await fetch(`${sim.url}/__sim/reset`, { method: 'POST' })).status).toBe(204);
    expect(sim.state.orders()).toEqual([]);
    expect(sim.state.totalCalls()).toBe(0);
  });

  it('the 4.60 profile has no rate limiter', async () => {
    const old = await startNopSim({ port: 0, version: '4.60' });
    try {
      expect(() => old.faults.set({ rateLimit: { permitLimit: 1, windowMs: 1000 } })).toThrow(/4.70/);
    } finally {
      await old.close();
    }
  });
});

describe('snapshot file', () => {
  it('saves on close and loads on start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nop-sim-')), 'state.json');
    const first = await startWithApi({ snapshotFile: file });
    await first.api.post('/Product/Create', { name: 'Kept', sku: 'KEEP' });
    await first.sim.close();
    expect(existsSync(file)).toBe(true);
    const second = await startWithApi({ snapshotFile: file });
    try {
      expect((await second.api.get<Dto>('/Product/GetProductBySku?sku=KEEP')).body.name).toBe('Kept');
    } finally {
      await second.sim.close();
    }
  });
});
