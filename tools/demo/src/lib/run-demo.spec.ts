import { staticCalls } from '@pcknop/pck-sim';
import { demoCatalogue, runDemo } from './run-demo';

describe('demo', () => {
  it('plays the initial transfer, a day of edits and a switch to varegrupper, deterministically', () => {
    const a = demoCatalogue(42, 5);
    const ops = new Set(staticCalls(a).map((c) => c.operation));
    expect([...ops]).toEqual(expect.arrayContaining(['sendArticle', 'sendArticleGroup', 'updateStockCount']));
    expect(a.catalogue?.groupSource).toBe('articleGroups');
    expect(JSON.stringify(staticCalls(demoCatalogue(42, 5)).map((c) => c.label))).toBe(JSON.stringify(staticCalls(a).map((c) => c.label)));
  });

  it('says to start the system first when the gateway does not answer', async () => {
    await expect(
      runDemo({ gatewayUrl: 'http://127.0.0.1:9/WebshopWS', adminUrl: 'http://127.0.0.1:9/admin', adminToken: 't', shopUrl: 'http://127.0.0.1:9', pckLogin: 1, pckPassword: 'p', readyTimeoutMs: 600 }),
    ).rejects.toThrow(/npm start/);
  });
});
