import { createTestStore } from '@pcknop/staging-store/testing';
import { ADMIN_TOKEN, article, LOGIN, PASSWORD, startGateway, type RunningGateway, type TestStore } from './support';

jest.setTimeout(60_000);

/** Polls `check` until it is true (bounded): announcements between processes arrive asynchronously. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/** Two gateway processes on one database, as GATEWAY_WORKERS=2 or two replicas run them. */
describe('no per-process state that matters', () => {
  let db: TestStore;
  let a: RunningGateway;
  let b: RunningGateway;
  beforeAll(async () => {
    db = await createTestStore();
    a = await startGateway({ db });
    b = await startGateway({ db, createTenant: false });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await db.close();
  });

  it("an admin change through one process empties every process's login cache at once", async () => {
    // b has checked and remembered the password (its cache would answer for 60 s).
    expect((await b.call('getStatus', { login: LOGIN, password: PASSWORD })).result.operationResult).toBe(0);
    const res = await fetch(`${a.url}/admin/tenants/${a.tenantId}/pck-password`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pckPassword: 'nytt-passord-2' }),
    });
    expect(res.status).toBe(200);
    // b must stop taking the old password without waiting for its cache to expire.
    expect(await eventually(async () => b.gateway.authenticator.remembered(LOGIN, PASSWORD) === undefined)).toBe(true);
    expect((await b.call('getStatus', { login: LOGIN, password: PASSWORD })).result.operationResult).toBe(1);
    expect((await b.call('getStatus', { login: LOGIN, password: 'nytt-passord-2' })).result.operationResult).toBe(0);
  });

  const staged = async (kind: string, key: string) => (await db.repos.entities.get(a.tenantId, kind, [key]))[0];
  const creds = { login: LOGIN, password: 'nytt-passord-2' };

  it('updateStockCount on one process uses the webstockLimit an article staged through another', async () => {
    expect(
      (await a.call('sendArticle', { ...creds, article: article(600, 1, { webstockLimit: 3 }) })).result
        .operationResult,
    ).toBe(0);
    expect(
      (
        await b.call('updateStockCount', {
          ...creds,
          updateStock: { articleId: 600, count: 10, stockDetails: [], timestamp: 2 },
        })
      ).result.operationResult,
    ).toBe(0);
    expect((await staged('stock', 'a:600||total'))?.record).toMatchObject({ onHand: '10.000', available: '7.000' });
  });

  it('a group learnt from an article is staged again when another process staged a different version since', async () => {
    const group = (name: string) => ({ arcileGroupId: 31, name });
    await a.call('sendArticle', { ...creds, article: article(610, 100, { articleGroup: group('Sykler') }) });
    expect((await staged('category', 'wg1:31'))?.record).toMatchObject({ name: 'Sykler' });
    await b.call('sendArticleGroup', {
      ...creds,
      articleGroup: { arcileGroupId: 31, groupNumber: 1, name: 'Sykkel', timestamp: 200 },
    });
    expect((await staged('category', 'wg1:31'))?.record).toMatchObject({ name: 'Sykkel' });
    // A newer article still says «Sykler»: PCK's latest word wins, though process a staged exactly this before.
    await a.call('sendArticle', { ...creds, article: article(611, 300, { articleGroup: group('Sykler') }) });
    expect((await staged('category', 'wg1:31'))?.record).toMatchObject({ name: 'Sykler' });
  });
});
