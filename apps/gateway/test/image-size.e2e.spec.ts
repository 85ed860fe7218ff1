import { LOGIN, PASSWORD, startGateway, type RunningGateway } from './support';

jest.setTimeout(60_000);

// Issue 14 point 5: an image larger than GATEWAY_MAX_IMAGE_BYTES gets operationResult 1 naming the limit, and
// nothing is staged (whole images travel in the scheduler's batches).
describe('image size limit', () => {
  let gw: RunningGateway;
  const creds = { login: LOGIN, password: PASSWORD };
  const limit = 1024 * 1024;
  const png = (bytes: number) => {
    const b = Buffer.alloc(bytes, 0x11);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
    return Uint8Array.from(b);
  };

  beforeAll(async () => {
    // A generous deadline: a 1 MB call on a loaded test machine must not time out (operationResult 2).
    gw = await startGateway({ config: { maxImageBytes: limit, requestDeadlineMs: 60_000 } });
  });
  afterAll(() => gw.close());

  const images = async () =>
    (
      await gw.db.store.pool.query(
        "SELECT key FROM entity_state WHERE tenant_id = $1 AND kind = 'image' ORDER BY key",
        [gw.tenantId],
      )
    ).rows.map((r) => r.key);

  it('refuses a larger image with operationResult 1 and a Norwegian message naming the limit; stages nothing', async () => {
    const big = await gw.call('sendImage', { ...creds, articleid: 300, image: png(1.5 * limit) });
    expect(big.result).toMatchObject({
      operationResult: 1,
      humanErrorMessage: expect.stringContaining('største tillatte størrelse er 1 MB (1048576 byte)'),
    });
    expect(big.result.humanErrorMessage).toContain('Bildet er 1,5 MB');
    const colour = await gw.call('sendImageColor', {
      ...creds,
      articleid: 300,
      colorid: 4,
      imageid: 1,
      image: png(limit + 1),
    });
    expect(colour.result.operationResult).toBe(1);
    expect(colour.result.errorMessage).toBeTruthy();
    expect(await images()).toEqual([]);
  });

  it('takes an image at the limit, and an empty one (a removal) as before', async () => {
    expect((await gw.call('sendImage', { ...creds, articleid: 301, image: png(limit) })).result.operationResult).toBe(
      0,
    );
    expect((await gw.call('sendImage', { ...creds, articleid: 301 })).result.operationResult).toBe(0);
    expect(await images()).toEqual(['product|a:301||1']);
  });
});
