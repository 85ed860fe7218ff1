import { parseResponse, serializeRequest } from '@pcknop/pck-contract';
import { createTestStore } from '@pcknop/staging-store/testing';
import { startGateway, type RunningGateway, type TestStore } from './support';

jest.setTimeout(60_000);

const RIGHT = 'riktig-passord-1';
const HOLD_MS = 2500;

/**
 * Wrong passwords are counted in PostgreSQL per login and per address (X-Forwarded-For from loopback is trusted
 * here, as behind a proxy, so each call can come from its own address). Every assertion on time is a lower bound:
 * a held answer cannot come back before its hold, however slow the machine.
 */
describe('password guessing', () => {
  let db: TestStore;
  let gw: RunningGateway;
  beforeAll(async () => {
    db = await createTestStore();
    for (const login of [6001, 6002, 6003, 6004, 6005, 6006])
      await db.repos.tenants.create({ name: `T${login}`, pckLogin: login, pckPassword: RIGHT });
    gw = await startGateway({
      db,
      createTenant: false,
      throttle: { freeFailures: 2, baseDelayMs: HOLD_MS, maxDelayMs: HOLD_MS },
      config: { trustProxy: true },
    });
  });
  afterAll(async () => {
    await gw.close();
    await db.close();
  });

  /** getStatus as PCK from `address`; resolves to operationResult and how long the answer took. */
  async function status(
    target: RunningGateway,
    login: number,
    password: string,
    address: string,
  ): Promise<{ code: number; ms: number }> {
    const t0 = Date.now();
    const res = await target.post(serializeRequest('getStatus', { login, password }), { 'x-forwarded-for': address });
    return { code: parseResponse('getStatus', res.body).result.operationResult, ms: Date.now() - t0 };
  }

  const loginCount = async (login: number) =>
    db.repos.authFailures.count({ scope: 'login', subject: String(login) }, 3_600_000);

  it('parallel wrong guesses each count and each wait (not one shared allowance or delay)', async () => {
    // Six at once from a fresh login and address: each is counted on its own, so the four past the allowance of
    // two are all held back (before, all six saw "no failures yet" and were answered at once).
    const parallel = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => status(gw, 6001, `feil-p${i}`, '198.51.100.1')));
    expect(parallel.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 1]);
    const held = parallel.filter((r) => r.ms >= HOLD_MS - 100);
    expect(held.length).toBeGreaterThanOrEqual(4);
    expect(await loginCount(6001)).toBe(6);
  });

  it('failures count per login too: new addresses do not start afresh', async () => {
    expect((await status(gw, 6002, 'feil', '198.51.100.11')).code).toBe(1);
    expect((await status(gw, 6002, 'feil', '198.51.100.12')).code).toBe(1);
    const third = await status(gw, 6002, 'feil', '198.51.100.13');
    expect(third.code).toBe(1);
    expect(third.ms).toBeGreaterThanOrEqual(HOLD_MS - 100);
  });

  it("another login's success from the same address does not reset the count", async () => {
    const address = '198.51.100.21';
    for (let i = 0; i < 3; i++) expect((await status(gw, 6003, `feil-${i}`, address)).code).toBe(1);
    expect((await status(gw, 6004, RIGHT, address)).code).toBe(0);
    const next = await status(gw, 6003, 'feil-igjen', address);
    expect(next.code).toBe(1);
    expect(next.ms).toBeGreaterThanOrEqual(HOLD_MS - 100);
  });

  it('the count is shared by every gateway process on the database (GATEWAY_WORKERS, replicas)', async () => {
    const other = await startGateway({
      db,
      createTenant: false,
      throttle: { freeFailures: 2, baseDelayMs: HOLD_MS, maxDelayMs: HOLD_MS },
      config: { trustProxy: true },
    });
    try {
      expect((await status(gw, 6005, 'feil', '198.51.100.31')).code).toBe(1);
      expect((await status(gw, 6005, 'feil', '198.51.100.32')).code).toBe(1);
      const onOther = await status(other, 6005, 'feil', '198.51.100.33');
      expect(onOther.code).toBe(1);
      expect(onOther.ms).toBeGreaterThanOrEqual(HOLD_MS - 100);
    } finally {
      await other.close();
    }
  });

  it('a till with the right password is never locked out: it is answered while the guessers are still held', async () => {
    const address = '198.51.100.41';
    // Over the allowance first, so every further guess is held.
    for (let i = 0; i < 3; i++) await status(gw, 6006, `feil-${i}`, address);
    let guessesAnswered = 0;
    const guesses = [1, 2, 3, 4, 5].map(async (i) => {
      const r = await status(gw, 6006, `feil-g${i}`, address);
      guessesAnswered++;
      return r;
    });
    // Wait until all five guesses are counted (so they are being held), bounded.
    for (let i = 0; i < 200 && (await loginCount(6006)) < 8; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await loginCount(6006)).toBe(8);
    const till = await status(gw, 6006, RIGHT, address);
    expect(till.code).toBe(0);
    expect(guessesAnswered).toBe(0);
    expect((await Promise.all(guesses)).map((r) => r.code)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('GATEWAY_TRUST_PROXY decides which address is counted', () => {
  it('false: X-Forwarded-For is ignored (the socket address counts); true: it is used', async () => {
    const db = await createTestStore();
    await db.repos.tenants.create({ name: 'T', pckLogin: 7001, pckPassword: RIGHT });
    const addresses = async () =>
      (
        await db.store.pool.query<{ subject: string }>(`SELECT subject FROM auth_failure WHERE scope = 'address'`)
      ).rows.map((r) => r.subject);
    const body = serializeRequest('getStatus', { login: 7001, password: 'feil' });
    try {
      const direct = await startGateway({ db, createTenant: false, config: { trustProxy: false } });
      await direct.post(body, { 'x-forwarded-for': '203.0.113.9' });
      await direct.close();
      expect(await addresses()).not.toContain('203.0.113.9');
      expect((await addresses()).some((a) => a.endsWith('127.0.0.1'))).toBe(true);
      const proxied = await startGateway({ db, createTenant: false, config: { trustProxy: true } });
      await proxied.post(body, { 'x-forwarded-for': '203.0.113.9' });
      await proxied.close();
      expect(await addresses()).toContain('203.0.113.9');
    } finally {
      await db.close();
    }
  });
});
