import { LocalServer, json, makeToken, startLocalServer } from '../../test/support/local-server';
import { HttpTransport, TransportOptions, parseRetryAfter } from './http-transport';
import { NopClientError, NopErrorCode } from './nop-client-error';
import { idList } from './query-string';

describe('HttpTransport against a local server', () => {
  let srv: LocalServer;
  let transport: HttpTransport | undefined;
  const retries: Array<Record<string, unknown>> = [];

  const make = (extra: Partial<TransportOptions> = {}): HttpTransport =>
    (transport = new HttpTransport({
      baseUrl: srv.url,
      credentials: { email: 'api@shop.no', password: 's3cret' },
      retry: { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 },
      circuitBreaker: { consecutiveFailures: 50, halfOpenAfterMs: 60_000 },
      timeoutMs: 2_000,
      logger: { warn: (obj) => retries.push(obj) },
      ...extra,
    }));

  beforeEach(async () => {
    srv = await startLocalServer();
    retries.length = 0;
  });
  afterEach(async () => {
    await transport?.close();
    transport = undefined;
    await srv.close();
  });

  it('sends the bearer token, JSON and parses the reply', async () => {
    srv.on('GET /api-backend/Product/GetById/5', (_r, res) => json(res, 200, { id: 5, name: 'Shirt' }));
    const t = make();
    const p = await t.send<{ id: number; name: string }>({
      method: 'GET',
      path: '/api-backend/Product/GetById/5',
      idempotent: true,
    });
    expect(p).toEqual({ id: 5, name: 'Shirt' });
    const req = srv.seen.find((s) => s.path.endsWith('GetById/5'))!;
    expect(req.headers.authorization).toMatch(/^Bearer ey/);
    const login = srv.seen.find((s) => s.path.endsWith('GetToken'))!;
    expect(JSON.parse(login.body.toString())).toEqual({
      username: 'api@shop.no',
      email: 'api@shop.no',
      password: 's3cret',
    });
  });

  it('reports every exchange (retries too) with its status or error code, for metrics', async () => {
    let n = 0;
    srv.on('GET /api-backend/Product/GetById/6', (_r, res) =>
      ++n < 3 ? json(res, 500, { message: 'deadlock' }) : json(res, 200, { id: 6 }),
    );
    const seen: Array<{ path: string; status?: number; code?: NopErrorCode }> = [];
    const t = make({ onExchange: (x) => seen.push({ path: x.path, status: x.status, code: x.code }) });
    await t.send({ method: 'GET', path: '/api-backend/Product/GetById/6', idempotent: true });
    expect(seen).toEqual([
      { path: '/api-backend/Authenticate/GetToken', status: 200, code: undefined },
      { path: '/api-backend/Product/GetById/6', status: 500, code: NopErrorCode.ServerError },
      { path: '/api-backend/Product/GetById/6', status: 500, code: NopErrorCode.ServerError },
      { path: '/api-backend/Product/GetById/6', status: 200, code: undefined },
    ]);
    const throwing = make({
      baseUrl: 'http://127.0.0.1:1',
      retry: { maxRetries: 0 },
      onExchange: () => {
        throw new Error('metrics broke');
      },
    });
    await expect(throwing.send({ method: 'GET', path: '/x', idempotent: true, auth: false })).rejects.toMatchObject({
      code: NopErrorCode.Network,
    });
  });

  it('sends id lists `;`-separated', async () => {
    srv.on('GET /api-backend/Order/Search', (_r, res) => json(res, 200, { items: [], has_next_page: false }));
    const t = make();
    await t.send({
      method: 'GET',
      path: '/api-backend/Order/Search',
      query: { osIds: idList([10, 20]), categoryIds: [1, 2] },
      idempotent: true,
    });
    const q = srv.seen.find((s) => s.path.endsWith('Search'))!.query;
    expect(q.get('osIds')).toBe('10;20');
    expect(q.getAll('categoryIds')).toEqual(['1', '2']);
  });

  it('retries an idempotent call on 500 with back-off and then succeeds', async () => {
    let n = 0;
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) =>
      ++n < 3
        ? json(res, 500, { message: 'Transaction was deadlocked', inner_exception_message: '' })
        : json(res, 200, { id: 1 }),
    );
    const t = make();
    await expect(t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true })).resolves.toEqual({
      id: 1,
    });
    expect(n).toBe(3);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatchObject({ code: NopErrorCode.ServerError, status: 500 });
  });

  it('gives up after maxRetries with a typed error carrying the shop message', async () => {
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) =>
      json(res, 500, { message: 'boom', inner_exception_message: 'inner' }),
    );
    const t = make();
    const err = await t
      .send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NopClientError);
    expect(err).toMatchObject({
      code: NopErrorCode.ServerError,
      type: 'server',
      status: 500,
      shopMessage: 'boom',
      innerMessage: 'inner',
      method: 'GET',
    });
    expect(srv.count('GET /api-backend/Product/GetById/1')).toBe(4);
  });

  it('honours Retry-After on 503 (rate limiter)', async () => {
    let n = 0;
    srv.on('GET /api-backend/Category/GetById/2', (_r, res) =>
      ++n === 1 ? json(res, 503, '', { 'retry-after': '1' }) : json(res, 200, { id: 2 }),
    );
    const t = make();
    await t.send({ method: 'GET', path: '/api-backend/Category/GetById/2', idempotent: true });
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ code: NopErrorCode.RateLimited });
    expect(retries[0].delayMs as number).toBeGreaterThanOrEqual(1000);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });

  it('never retries a non-idempotent call blindly', async () => {
    srv.on('POST /api-backend/Product/Create', (_r, res) => json(res, 500, { message: 'deadlock' }));
    const t = make();
    await expect(
      t.send({ method: 'POST', path: '/api-backend/Product/Create', json: { sku: 'A' }, idempotent: false }),
    ).rejects.toMatchObject({ code: NopErrorCode.ServerError });
    expect(srv.count('POST /api-backend/Product/Create')).toBe(1);
  });

  it('maps 404 JSON strings, 400 ProblemDetails and 403', async () => {
    srv.on('GET /api-backend/Product/GetById/9', (_r, res) => json(res, 404, 'Product Id=9 not found'));
    srv.on('GET /api-backend/Product/GetById/0', (_r, res) =>
      json(res, 400, { title: 'One or more validation errors occurred.', errors: { id: ['bad'] } }),
    );
    srv.on('GET /api-backend/Order/GetById/1', (_r, res) => json(res, 403, { message: 'Access denied.' }));
    const t = make();
    await expect(
      t.send({ method: 'GET', path: '/api-backend/Product/GetById/9', idempotent: true }),
    ).rejects.toMatchObject({ code: NopErrorCode.NotFound, status: 404, shopMessage: 'Product Id=9 not found' });
    await expect(
      t.sendOptional({ method: 'GET', path: '/api-backend/Product/GetById/9', idempotent: true }),
    ).resolves.toBeUndefined();
    await expect(
      t.send({ method: 'GET', path: '/api-backend/Product/GetById/0', idempotent: true }),
    ).rejects.toMatchObject({ code: NopErrorCode.BadRequest, shopMessage: 'One or more validation errors occurred.' });
    await expect(
      t.send({ method: 'GET', path: '/api-backend/Order/GetById/1', idempotent: true }),
    ).rejects.toMatchObject({ code: NopErrorCode.Forbidden, type: 'auth' });
  });

  it('logs in once for concurrent calls and again once on a 401, then resends', async () => {
    const tokens: string[] = [];
    srv.on('POST /api-backend/Authenticate/GetToken', (_r, res) => {
      const token = makeToken(3600 + tokens.length);
      tokens.push(token);
      json(res, 200, { username: 'x', customer_id: 1, token });
    });
    let rejectFirst = true;
    srv.on('POST /api-backend/Product/Create', (r, res) => {
      if (rejectFirst && r.headers.authorization === `Bearer ${tokens[0]}`) {
        rejectFirst = false;
        return json(res, 401, { message: 'Unauthorized' });
      }
      json(res, 200, { id: 7 });
    });
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) => json(res, 200, { id: 1 }));
    const t = make();
    await Promise.all(
      [1, 2, 3].map(() => t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true })),
    );
    expect(tokens).toHaveLength(1);
    // A 401 means the action never ran, so even a create is resent once with a fresh token.
    await expect(
      t.send({ method: 'POST', path: '/api-backend/Product/Create', json: {}, idempotent: false }),
    ).resolves.toEqual({ id: 7 });
    expect(tokens).toHaveLength(2);
    expect(srv.count('POST /api-backend/Product/Create')).toBe(2);
  });

  it('reports Unauthorized when the renewed token is rejected as well, and InvalidCredentials on a bad login', async () => {
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) => json(res, 401, { message: 'Unauthorized' }));
    const t = make();
    await expect(
      t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true }),
    ).rejects.toMatchObject({ code: NopErrorCode.Unauthorized });
    expect(srv.count('POST /api-backend/Authenticate/GetToken')).toBe(2);
    srv.on('POST /api-backend/Authenticate/GetToken', (_r, res) => json(res, 401, 'Username or password is incorrect'));
    const t2 = new HttpTransport({ baseUrl: srv.url, credentials: { email: 'a', password: 'b' } });
    await expect(
      t2.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true }),
    ).rejects.toMatchObject({
      code: NopErrorCode.InvalidCredentials,
      shopMessage: 'Username or password is incorrect',
    });
    await t2.close();
  });

  it('renews the token before the JWT exp', async () => {
    let now = Date.now();
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) => json(res, 200, { id: 1 }));
    const t = make({ now: () => now, tokenRenewBeforeMs: 5 * 60_000 });
    await t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true });
    now += 50 * 60_000; // 10 minutes before the one-hour exp: still fine
    await t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true });
    expect(srv.count('POST /api-backend/Authenticate/GetToken')).toBe(1);
    now += 6 * 60_000; // inside the 5-minute renewal window
    await t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true });
    expect(srv.count('POST /api-backend/Authenticate/GetToken')).toBe(2);
  });

  it('times out a slow reply and retries it (idempotent)', async () => {
    let n = 0;
    srv.on('GET /api-backend/Product/GetById/3', (_r, res) => {
      if (++n === 1) return void setTimeout(() => json(res, 200, { id: 3, slow: true }), 1_000).unref();
      json(res, 200, { id: 3 });
    });
    const t = make({ timeoutMs: 150 });
    await expect(t.send({ method: 'GET', path: '/api-backend/Product/GetById/3', idempotent: true })).resolves.toEqual({
      id: 3,
    });
    expect(retries[0]).toMatchObject({ code: NopErrorCode.Timeout });
  });

  it('maps a reset connection to Network and retries reads', async () => {
    let n = 0;
    srv.on('GET /api-backend/Product/GetById/4', (_r, res) =>
      ++n === 1 ? void res.socket?.destroy() : json(res, 200, { id: 4 }),
    );
    const t = make();
    await expect(t.send({ method: 'GET', path: '/api-backend/Product/GetById/4', idempotent: true })).resolves.toEqual({
      id: 4,
    });
    expect(retries[0]).toMatchObject({ code: NopErrorCode.Network });
  });

  it('opens the circuit after consecutive failures and fails fast', async () => {
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) => json(res, 500, { message: 'down' }));
    const t = make({ retry: { maxRetries: 0 }, circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } });
    const call = (): Promise<unknown> =>
      t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true });
    await expect(call()).rejects.toMatchObject({ code: NopErrorCode.ServerError });
    await expect(call()).rejects.toMatchObject({ code: NopErrorCode.ServerError });
    const open = await call().catch((e: unknown) => e);
    expect(open).toMatchObject({
      code: NopErrorCode.CircuitOpen,
      type: 'resilience',
      shopMessage: 'after SERVER_ERROR (HTTP 500)',
    });
    // What opened it travels along (callers tell a 5xx outage from a timeout by it).
    expect((open as Error).cause).toMatchObject({ code: NopErrorCode.ServerError, status: 500 });
    expect(srv.count('GET /api-backend/Product/GetById/1')).toBe(2);
  });

  it('lets a probe past an open circuit, and counts it nowhere', async () => {
    srv.on('POST /api-backend/Product/Create', (_r, res) => json(res, 500, { message: 'cannot save this product' }));
    srv.on('GET /api-backend/Category/GetById/1', (_r, res) => json(res, 200, { id: 1 }));
    const t = make({ retry: { maxRetries: 0 }, circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 } });
    const create = (): Promise<unknown> =>
      t.send({ method: 'POST', path: '/api-backend/Product/Create', json: {}, idempotent: false });
    await expect(create()).rejects.toMatchObject({ code: NopErrorCode.ServerError });
    await expect(create()).rejects.toMatchObject({ code: NopErrorCode.ServerError });
    const read = { method: 'GET' as const, path: '/api-backend/Category/GetById/1', idempotent: true };
    await expect(t.send(read)).rejects.toMatchObject({ code: NopErrorCode.CircuitOpen });
    // The shop answers: the failures were the product's, which only a probe can tell while the circuit is open.
    await expect(t.send({ ...read, probe: true })).resolves.toEqual({ id: 1 });
    await expect(t.send(read)).rejects.toMatchObject({ code: NopErrorCode.CircuitOpen });
    expect(srv.count('GET /api-backend/Category/GetById/1')).toBe(1);
  });

  it('bounds concurrency', async () => {
    let active = 0;
    let peak = 0;
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        json(res, 200, { id: 1 });
      }, 20);
    });
    const t = make({ maxConcurrency: 2 });
    await Promise.all(
      Array.from({ length: 8 }, () =>
        t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true }),
      ),
    );
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('never logs secrets', async () => {
    const lines: string[] = [];
    const log = (obj: Record<string, unknown>, msg?: string): void =>
      void lines.push(JSON.stringify(obj) + (msg ?? ''));
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) => json(res, 200, { id: 1 }));
    const t = make({ logger: { debug: log, info: log, warn: log, error: log } });
    await t.send({ method: 'GET', path: '/api-backend/Product/GetById/1', idempotent: true });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/s3cret|Bearer|eyJ/);
  });

  it('refuses a reply larger than maxResponseBytes (declared or streamed without a length), without retrying', async () => {
    let calls = 0;
    srv.on('GET /api-backend/Product/GetById/1', (_r, res) => {
      calls++;
      json(res, 200, { id: 1, name: 'x'.repeat(10_000) });
    });
    srv.on('GET /api-backend/Product/GetById/2', (_r, res) => {
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' });
      // Chunked: no Content-Length tells the size up front.
      let left = 50;
      const more = () => {
        if (left-- === 0) return res.end('"}');
        res.write(left === 49 ? '{"name":"' + 'y'.repeat(1000) : 'y'.repeat(1000), more);
      };
      more();
    });
    srv.on('GET /api-backend/Product/GetById/3', (_r, res) => json(res, 200, { id: 3 }));
    const t = make({ maxResponseBytes: 4096 });
    for (const id of [1, 2]) {
      const err = await t
        .send({ method: 'GET', path: `/api-backend/Product/GetById/${id}`, idempotent: true })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NopClientError);
      expect((err as NopClientError).code).toBe(NopErrorCode.ResponseTooLarge);
      expect((err as NopClientError).transient).toBe(false);
    }
    expect(calls).toBe(2);
    // A small reply still reads after the refused ones.
    await expect(t.send({ method: 'GET', path: '/api-backend/Product/GetById/3', idempotent: true })).resolves.toEqual({
      id: 3,
    });
  });
});
