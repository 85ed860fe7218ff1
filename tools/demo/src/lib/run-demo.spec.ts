import { staticCalls } from '@pcknop/pck-sim';
import { demoCatalogue, runDemo } from './run-demo';

describe('demo', () => {
  it('plays the initial transfer, a day of edits and a switch to varegrupper and back to webgrupper, deterministically', () => {
    const a = demoCatalogue(42, 5);
    const ops = new Set(staticCalls(a).map((c) => c.operation));
    expect([...ops]).toEqual(expect.arrayContaining(['sendArticle', 'sendArticleGroup', 'updateStockCount']));
    expect(a.catalogue?.groupSource).toBe('webGroups');
    expect(a.name).toBe('demo catalogue');
    // The switch back resends webgrupper of level 2–3 after the last article of the varegrupper switch.
    const labels = staticCalls(a).map((c) => c.label);
    const lastArticle = labels.findLastIndex((l) => l.startsWith('article '));
    const lastDeepGroup = labels.findLastIndex((l) => /^group [23]\//.test(l));
    expect(lastDeepGroup).toBeGreaterThan(labels.findIndex((l) => /^group [23]\//.test(l)));
    expect(lastArticle).toBeGreaterThan(lastDeepGroup);
    expect(JSON.stringify(staticCalls(demoCatalogue(42, 5)).map((c) => c.label))).toBe(
      JSON.stringify(staticCalls(a).map((c) => c.label)),
    );
  });

  it('says to start the system first when the gateway does not answer', async () => {
    await expect(
      runDemo({
        gatewayUrl: 'http://127.0.0.1:9/WebshopWS',
        adminUrl: 'http://127.0.0.1:9/admin',
        adminToken: 't',
        shopUrl: 'http://127.0.0.1:9',
        pckLogin: 1,
        pckPassword: 'p',
        readyTimeoutMs: 600,
      }),
    ).rejects.toThrow(/npm start/);
  });
});
