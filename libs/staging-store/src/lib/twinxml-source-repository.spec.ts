import { StoreError } from './store.exception';
import { createTestStore } from '../testing';
import { hashSourceToken } from './twinxml-source-repository';

describe('TwinxmlSourceRepository', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let tenantId: string;
  beforeAll(async () => {
    ctx = await createTestStore();
    tenantId = (await ctx.repos.tenants.create({ name: 'S', pckLogin: 92, pckPassword: 'p' })).id;
  });
  afterAll(() => ctx.close());

  it('stores only the hash of the token and finds the source by the token', async () => {
    const { source, token } = await ctx.repos.twinxmlSources.create({ tenantId, name: 'lager', owns: ['stock'] });
    expect(source).toMatchObject({ tenantId, name: 'lager', owns: ['stock'], active: true });
    const stored = await ctx.store.pool.query<{ token_hash: string }>(
      'SELECT token_hash FROM twinxml_source WHERE id = $1',
      [source.id],
    );
    expect(stored.rows[0].token_hash).toBe(hashSourceToken(token));
    expect(stored.rows[0].token_hash).not.toContain(token);
    expect(await ctx.repos.twinxmlSources.authenticate(token)).toMatchObject({ id: source.id, owns: ['stock'] });
    expect(await ctx.repos.twinxmlSources.authenticate(`${token}x`)).toBeNull();
    expect(await ctx.repos.twinxmlSources.authenticate('')).toBeNull();
    expect([...(await ctx.repos.twinxmlSources.ownedKinds(tenantId))]).toEqual(['stock']);
  });

  it('refuses a second owner of a kind, unknown kinds and a repeated name', async () => {
    await expect(
      ctx.repos.twinxmlSources.create({ tenantId, name: 'erp', owns: ['product', 'stock'] }),
    ).rejects.toThrow(/already owns stock/);
    await expect(ctx.repos.twinxmlSources.create({ tenantId, name: 'erp', owns: ['price'] })).rejects.toBeInstanceOf(
      StoreError,
    );
    await expect(ctx.repos.twinxmlSources.create({ tenantId, name: 'lager', owns: ['image'] })).rejects.toThrow(
      /already has a source of that name/,
    );
  });

  it('stops a switched-off source and gives its kinds back to PCK', async () => {
    const { source, token } = await ctx.repos.twinxmlSources.create({ tenantId, name: 'bilder', owns: ['image'] });
    expect(await ctx.repos.twinxmlSources.setActive(source.id, false)).toBe(true);
    expect(await ctx.repos.twinxmlSources.authenticate(token)).toBeNull();
    expect([...(await ctx.repos.twinxmlSources.ownedKinds(tenantId))]).toEqual(['stock']);
  });

  it('answers a repeated BatchId from the stored answer and lets a failed one be sent again', async () => {
    const [source] = await ctx.repos.twinxmlSources.list(tenantId);
    expect(await ctx.repos.twinxmlSources.beginDocument(source.id, 'b-1')).toEqual({ begun: true });
    const during = await ctx.repos.twinxmlSources.beginDocument(source.id, 'b-1');
    expect(during).toMatchObject({ begun: false, existing: { state: 'receiving' } });
    await ctx.repos.twinxmlSources.finishDocument(source.id, 'b-1', {
      state: 'done',
      accepted: 2,
      refused: 1,
      answer: { accepted: 2 },
    });
    expect(await ctx.repos.twinxmlSources.beginDocument(source.id, 'b-1')).toMatchObject({
      begun: false,
      existing: { state: 'done', accepted: 2, refused: 1, answer: { accepted: 2 } },
    });
    await ctx.repos.twinxmlSources.beginDocument(source.id, 'b-2');
    await ctx.repos.twinxmlSources.finishDocument(source.id, 'b-2', {
      state: 'failed',
      accepted: 0,
      refused: 0,
      answer: { error: 'malformed' },
    });
    expect(await ctx.repos.twinxmlSources.beginDocument(source.id, 'b-2')).toEqual({ begun: true });
    // A receiver that died: its document is taken over once stale.
    await ctx.repos.twinxmlSources.beginDocument(source.id, 'b-3');
    expect((await ctx.repos.twinxmlSources.beginDocument(source.id, 'b-3', 60_000)).begun).toBe(false);
    await ctx.store.pool.query(
      `UPDATE twinxml_document SET received_at = now() - interval '2 minutes' WHERE batch_id = 'b-3'`,
    );
    expect((await ctx.repos.twinxmlSources.beginDocument(source.id, 'b-3', 60_000)).begun).toBe(true);
    expect((await ctx.repos.twinxmlSources.listDocuments(source.id)).map((d) => d.batchId).sort()).toEqual([
      'b-1',
      'b-2',
      'b-3',
    ]);
  });
});
