import type { SchemaObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { BatchRunner, ImmediatePolicy } from '@pcknop/batching-engine';
import { resolveTenantProfile } from '@pcknop/field-mapping';
import { createNopApplier } from '@pcknop/nop-applier';
import { startNopSim, type NopSim } from '@pcknop/nop-sim';
import { serializeRequest } from '@pcknop/pck-contract';
import { openApiPath } from '../src/lib/admin/openapi-document';
import { ADMIN_TOKEN, article, creds, LOGIN, startGateway, type RunningGateway } from './support';

// The admin API end to end over HTTP: a real database, the real SOAP endpoint, nop-sim as the shop.
jest.setTimeout(120_000);

const SHOP = { email: 'admin@nop-sim.local', password: 'admin' };

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { pointer: string; detail: string }[];
}

describe('admin API', () => {
  let sim: NopSim;
  let gw: RunningGateway;
  beforeAll(async () => {
    process.env.SECRETS_KEY ??= Buffer.alloc(32, 7).toString('base64');
    sim = await startNopSim({ port: 0, seed: 11, logLevel: 'silent' } as Parameters<typeof startNopSim>[0]);
    gw = await startGateway({ shopUrl: sim.url, shop: SHOP, shopTestTimeoutMs: 3000 });
  });
  afterAll(async () => {
    await gw?.close();
    await sim?.close();
  });

  const api = async (
    method: string,
    path: string,
    body?: unknown,
    token: string | null = ADMIN_TOKEN,
    contentType = 'application/json',
  ) => {
    const headers: Record<string, string> = {};
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = contentType;
    const res = await fetch(`${gw.url}/admin${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      json: json as Record<string, unknown> & unknown[],
      text,
      headers: res.headers,
    };
  };
  const problem = (r: { json: unknown }) => r.json as Problem;

  /** Flushes the tenant's staged changes to nop-sim as the scheduler would; returns the batch summaries. */
  async function flush(tenantId = gw.tenantId) {
    const tenant = await gw.db.repos.tenants.get(tenantId);
    if (!tenant) throw new Error('no tenant');
    const applier = createNopApplier({ baseUrl: sim.url, ...SHOP });
    try {
      const runner = new BatchRunner({
        repos: gw.db.repos,
        tenant: async () => ({ profile: resolveTenantProfile(tenant), options: tenant.options, applier }),
        policy: new ImmediatePolicy(),
      });
      return await runner.runTenantBatch(tenantId);
    } finally {
      await applier.close();
    }
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  describe('OpenAPI document and problem+json', () => {
    it('serves a valid OpenAPI 3.1 document listing every mounted route, with schemas that compile', async () => {
      const r = await api('GET', '/openapi.json', undefined, null);
      expect(r.status).toBe(200);
      const doc = r.json as unknown as {
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, { responses: Record<string, unknown>; operationId: string }>>;
        components: { schemas: Record<string, SchemaObject> };
      };
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(doc.info.title).toBeTruthy();
      expect(doc.info.version).toBeTruthy();
      // Every route mounted on the admin router (Express's own route table) is in the document, and vice versa.
      const admin = gw.gateway.admin;
      if (!admin) throw new Error('admin API not mounted');
      const mounted = (
        admin.router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }
      ).stack
        .filter((l) => l.route)
        .flatMap((l) =>
          Object.keys(l.route?.methods ?? {}).map((m) => `${m} /admin${openApiPath(l.route?.path ?? '')}`),
        );
      const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
      expect(mounted.length).toBeGreaterThan(25);
      expect(new Set(documented)).toEqual(new Set(mounted));
      const ids = new Set<string>();
      const ajv = new Ajv2020({ strict: false });
      addFormats(ajv);
      for (const [name, schema] of Object.entries(doc.components.schemas))
        ajv.addSchema(schema, `#/components/schemas/${name}`);
      const refs: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [k, v] of Object.entries(node)) {
            if (k === '$ref' && typeof v === 'string') refs.push(v);
            else walk(v);
          }
        }
      };
      walk(doc);
      for (const ref of refs) expect(doc.components.schemas[ref.replace('#/components/schemas/', '')]).toBeDefined();
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          expect(['get', 'post', 'patch', 'delete', 'put']).toContain(method);
          expect(Object.keys(op.responses).length).toBeGreaterThan(0);
          expect(ids.has(op.operationId)).toBe(false);
          ids.add(op.operationId);
          for (const p of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
            expect((op as unknown as { parameters: { name: string; in: string }[] }).parameters).toEqual(
              expect.arrayContaining([expect.objectContaining({ name: p, in: 'path' })]),
            );
          }
          const content =
            (op as unknown as { requestBody?: { content: Record<string, { schema: SchemaObject }> } }).requestBody
              ?.content ?? {};
          for (const c of Object.values(content)) {
            const s = JSON.parse(
              JSON.stringify(c.schema).replace(/"#\/components\/schemas\//g, '"#/components/schemas/'),
            ) as SchemaObject;
            if (!JSON.stringify(s).includes('$ref')) expect(() => ajv.compile(s)).not.toThrow();
          }
        }
      }
    });

    it('answers errors as application/problem+json with type, title, status, detail', async () => {
      const r = await api('GET', '/no-such-route');
      expect(r.status).toBe(404);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(problem(r)).toMatchObject({
        status: 404,
        title: expect.any(String),
        type: expect.stringMatching(/^urn:pcknop:problem:/),
        code: 'NOT_FOUND',
      });
      const bad = await api('POST', '/tenants', '{not json');
      expect(bad.status).toBe(400);
      expect(problem(bad).code).toBe('MALFORMED_BODY');
      const media = await api('POST', '/tenants', 'name=x', ADMIN_TOKEN, 'application/x-www-form-urlencoded');
      expect(media.status).toBe(415);
    });
  });

  describe('tenants', () => {
    let created: { tenant: { id: string; pckLogin: number }; credentials: { pckLogin: number; pckPassword: string } };

    it('creates a tenant with a generated PCK login and password, shown once, that PCK can log in with', async () => {
      const r = await api('POST', '/tenants', {
        name: 'Sykkelbutikken',
        shopUrl: `${sim.url}/`,
        shop: SHOP,
        options: { groupSource: 'none', images: false },
      });
      expect(r.status).toBe(201);
      created = r.json as unknown as typeof created;
      expect(created.credentials.pckLogin).toBe(created.tenant.pckLogin);
      expect(created.credentials.pckLogin).toBeGreaterThanOrEqual(100_000);
      expect(created.credentials.pckPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(created.tenant).toMatchObject({
        shopUrl: sim.url,
        hasShopCredentials: true,
        options: { groupSource: 'none', images: false },
      });
      expect(r.text).not.toContain(SHOP.password === 'admin' ? '"password"' : SHOP.password);
      const status = await gw.call('getStatus', {
        login: created.credentials.pckLogin,
        password: created.credentials.pckPassword,
      });
      expect(status.result.operationResult).toBe(0);
      // Reading it again never shows the password.
      const read = await api('GET', `/tenants/${created.tenant.id}`);
      expect(read.text).not.toContain(created.credentials.pckPassword);
    });

    it('refuses invalid input with a field-by-field validation problem', async () => {
      const r = await api('POST', '/tenants', {
        name: '',
        pckLogin: -1,
        options: { imgaes: true },
        shopUrl: 'ftp://x',
        extra: 1,
      });
      expect(r.status).toBe(400);
      const p = problem(r);
      expect(p.code).toBe('VALIDATION_FAILED');
      expect(p.errors?.map((e) => e.pointer).sort()).toEqual([
        '/extra',
        '/name',
        '/options/imgaes',
        '/pckLogin',
        '/shopUrl',
      ]);
      const profile = await api('POST', '/tenants', {
        name: 'P',
        mappingProfile: { schemaVersion: 1, variants: { mode: 'nope' } },
      });
      expect(problem(profile).errors).toEqual([
        { pointer: '/mappingProfile/variants/mode', detail: expect.stringContaining('must be one of') },
      ]);
      expect((await api('POST', '/tenants', { name: 'Dup', pckLogin: LOGIN })).status).toBe(409);
      expect((await api('GET', '/tenants/not-a-uuid')).status).toBe(404);
      expect((await api('GET', '/tenants/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });

    it('JSON Merge Patch: options merged and validated as a whole, null removes, unknown keys refused clearly', async () => {
      const id = created.tenant.id;
      const r = await api(
        'PATCH',
        `/tenants/${id}`,
        { options: { images: null, variantMode: 'combinations' }, name: 'Sykkelbutikken AS' },
        ADMIN_TOKEN,
        'application/merge-patch+json',
      );
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        name: 'Sykkelbutikken AS',
        options: { groupSource: 'none', variantMode: 'combinations' },
      });
      expect((r.json as unknown as { options: Record<string, unknown> }).options).not.toHaveProperty('images');
      const unknown = await api('PATCH', `/tenants/${id}`, { options: { imgaes: false } });
      expect(unknown.status).toBe(400);
      expect(problem(unknown).errors).toEqual([
        { pointer: '/options/imgaes', detail: expect.stringMatching(/^unknown option "imgaes" \(known: .*images/) },
      ]);
      const needsId = await api('PATCH', `/tenants/${id}`, { options: { customerMode: 'webshopCustomer' } });
      expect(problem(needsId).errors?.[0]).toMatchObject({ pointer: '/options/webshopCustomerId' });
      const pw = await api('PATCH', `/tenants/${id}`, { pckPassword: 'nytt-passord' });
      expect(problem(pw).errors).toEqual([
        { pointer: '/pckPassword', detail: expect.stringContaining('/pck-password') },
      ]);
      // A profile patch merges into the stored profile and the merged profile is checked.
      expect(
        (await api('PATCH', `/tenants/${id}`, { mappingProfile: { schemaVersion: 1, groups: { link: 'allLevels' } } }))
          .status,
      ).toBe(200);
      const merged = await api('PATCH', `/tenants/${id}`, { mappingProfile: { groups: { source: 'webGroups' } } });
      expect((merged.json as unknown as { mappingProfile: unknown }).mappingProfile).toEqual({
        schemaVersion: 1,
        groups: { link: 'allLevels', source: 'webGroups' },
      });
      const badMerge = await api('PATCH', `/tenants/${id}`, { mappingProfile: { groups: { link: 'sometimes' } } });
      expect(badMerge.status).toBe(400);
      // Nothing of a refused patch was written.
      expect((await gw.db.repos.tenants.get(id))?.mappingProfile).toEqual({
        schemaVersion: 1,
        groups: { link: 'allLevels', source: 'webGroups' },
      });
    });

    it('rotates the PCK password (shown once) and the old one stops working at once', async () => {
      const { pckLogin, pckPassword } = created.credentials;
      const r = await api('POST', `/tenants/${created.tenant.id}/pck-password`, {});
      expect(r.status).toBe(200);
      const next = r.json as unknown as { pckLogin: number; pckPassword: string };
      expect(next.pckLogin).toBe(pckLogin);
      expect(next.pckPassword).not.toBe(pckPassword);
      expect((await gw.call('getStatus', { login: pckLogin, password: pckPassword })).result.operationResult).toBe(1);
      expect((await gw.call('getStatus', { login: pckLogin, password: next.pckPassword })).result.operationResult).toBe(
        0,
      );
      created.credentials.pckPassword = next.pckPassword;
    });

    it('deactivates (PCK is refused) and reactivates', async () => {
      const id = created.tenant.id;
      expect((await api('PATCH', `/tenants/${id}`, { active: false })).status).toBe(200);
      expect(
        (await gw.call('getStatus', { login: created.credentials.pckLogin, password: created.credentials.pckPassword }))
          .result.operationResult,
      ).toBe(1);
      expect((await api('PATCH', `/tenants/${id}`, { active: true })).status).toBe(200);
      expect(
        (await gw.call('getStatus', { login: created.credentials.pckLogin, password: created.credentials.pckPassword }))
          .result.operationResult,
      ).toBe(0);
    });

    it('tests the shop connection and says in words what failed', async () => {
      const ok = await api('POST', `/tenants/${created.tenant.id}/shop-connection/test`);
      expect(ok.json).toMatchObject({
        ok: true,
        steps: expect.arrayContaining([expect.objectContaining({ step: 'permission', ok: true })]),
      });

      const check = async (patch: Record<string, unknown>) => {
        expect((await api('PATCH', `/tenants/${created.tenant.id}`, patch)).status).toBe(200);
        const r = await api('POST', `/tenants/${created.tenant.id}/shop-connection/test`);
        expect(r.status).toBe(200);
        const d = r.json as unknown as { ok: boolean; summary: string; steps: { step: string; ok: boolean }[] };
        expect(d.ok).toBe(false);
        return { failed: d.steps.find((s) => !s.ok)?.step, summary: d.summary };
      };
      expect(await check({ shop: { email: SHOP.email, password: 'wrong' } })).toEqual({
        failed: 'login',
        summary: expect.stringContaining('401'),
      });
      sim.state.addCustomer({ email: 'kasse@butikk.no', password: 'pw-kasse', roles: ['Registered'] });
      expect(await check({ shop: { email: 'kasse@butikk.no', password: 'pw-kasse' } })).toEqual({
        failed: 'permission',
        summary: expect.stringContaining('Access Web API Backend'),
      });
      expect(await check({ shop: SHOP, shopUrl: `${sim.url}/not-nop` })).toEqual({
        failed: 'plugin',
        summary: expect.stringContaining('Web API Backend'),
      });
      expect(await check({ shopUrl: 'http://no-such-shop.invalid' })).toEqual({
        failed: 'dns',
        summary: expect.stringContaining('DNS'),
      });
      expect(await check({ shopUrl: sim.url.replace('http:', 'https:') })).toEqual({
        failed: 'connect',
        summary: expect.stringContaining('TLS'),
      });
      expect((await api('PATCH', `/tenants/${created.tenant.id}`, { shopUrl: sim.url })).status).toBe(200);
    });

    it('deletes a tenant with all its data; it is gone for PCK and the API', async () => {
      const id = created.tenant.id;
      await gw.call('sendArticle', {
        login: created.credentials.pckLogin,
        password: created.credentials.pckPassword,
        article: article(77, Date.now()),
      });
      expect((await gw.db.repos.entities.pendingByKind(id)).length).toBeGreaterThan(0);
      const r = await api('DELETE', `/tenants/${id}`);
      expect(r.status).toBe(204);
      expect((await api('GET', `/tenants/${id}`)).status).toBe(404);
      expect(await gw.db.repos.entities.pendingByKind(id)).toEqual([]);
      expect(
        (await gw.call('getStatus', { login: created.credentials.pckLogin, password: created.credentials.pckPassword }))
          .result.operationResult,
      ).toBe(1);
      expect((await api('DELETE', `/tenants/${id}`)).status).toBe(404);
    });
  });

  describe('preview', () => {
    it('shows what a PCK article (JSON) becomes under the tenant profile', async () => {
      const a = {
        articleId: 501,
        articleNo: 'GENSER',
        name: 'Genser',
        salesPrice: '499.00',
        vat: '25',
        visibleOnWeb: true,
        timestamp: 1,
        stockCount: 3,
        eans: ['7040000000001'],
      };
      const r = await api('POST', `/tenants/${gw.tenantId}/preview`, { article: a });
      expect(r.status).toBe(200);
      const p = r.json as unknown as {
        products: { sku: string; name: string }[];
        prices: { price: number }[];
        twin: unknown;
        shop: unknown;
      };
      expect(p.products).toEqual([
        expect.objectContaining({ key: 'a:501', sku: 'GENSER', name: 'Genser', isCreate: true }),
      ]);
      expect(p.prices[0].price).toBe(499);
      // Nothing was staged by a preview.
      expect(await gw.db.repos.entities.get(gw.tenantId, 'product', ['a:501'])).toEqual([]);
    });

    it('takes the sendArticle SOAP body PCK sent, and refuses an invalid article with the field', async () => {
      const soap = serializeRequest('sendArticle', { ...creds, article: article(502, 5, { sizeColors: [] }) });
      const r = await api('POST', `/tenants/${gw.tenantId}/preview`, soap, ADMIN_TOKEN, 'text/xml; charset=utf-8');
      expect(r.status).toBe(200);
      expect((r.json as unknown as { products: { key: string }[] }).products.map((x) => x.key)).toEqual(['a:502']);
      const bad = await api('POST', `/tenants/${gw.tenantId}/preview`, { article: { articleId: 'abc', name: 'X' } });
      expect(bad.status).toBe(400);
      expect(problem(bad).errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ pointer: '/article/articleId' })]),
      );
    });
  });

  describe('problems, activity and progress (real database and nop-sim)', () => {
    let batchId: string;

    it('progress shows pending work by kind while it waits, and the drain once applied', async () => {
      for (const id of [601, 602, 603])
        expect(
          (await gw.call('sendArticle', { ...creds, article: article(id, Date.now()) })).result.operationResult,
        ).toBe(0);
      const before = await api('GET', `/tenants/${gw.tenantId}/progress`);
      expect(before.status).toBe(200);
      const p = before.json as unknown as {
        pending: number;
        byKind: { kind: string; pending: number }[];
        oldestPendingAgeMs: number;
        etaSeconds: number | null;
      };
      expect(p.pending).toBeGreaterThanOrEqual(3);
      expect(p.byKind.find((k) => k.kind === 'product')?.pending).toBe(3);
      expect(p.oldestPendingAgeMs).toBeGreaterThanOrEqual(0);
      const summary = await flush();
      expect(summary.failed).toBe(0);
      batchId = summary.batchId ?? '';
      const after = (await api('GET', `/tenants/${gw.tenantId}/progress`)).json as unknown as {
        pending: number;
        appliedPerMinute: number;
        etaSeconds: number;
      };
      expect(after).toMatchObject({ pending: 0, etaSeconds: 0 });
      expect(after.appliedPerMinute).toBeGreaterThan(0);
    });

    it("progress names a shop outage: the scheduler's flush pause with its Norwegian reason, gone once resumed", async () => {
      type P = {
        shopUnreachable: boolean;
        pausedUntil: string | null;
        shopPause: { code: string; reason: string; failures: number } | null;
      };
      expect(((await api('GET', `/tenants/${gw.tenantId}/progress`)).json as unknown as P).shopUnreachable).toBe(false);
      await gw.db.repos.flushPauses.pause(gw.tenantId, {
        code: 'auth',
        reason: 'Nettbutikken avviser innloggingen (401).',
        detail: 'HTTP 401',
        baseMs: 60_000,
        capMs: 300_000,
      });
      const paused = (await api('GET', `/tenants/${gw.tenantId}/progress`)).json as unknown as P;
      expect(paused).toMatchObject({
        shopUnreachable: true,
        shopPause: { code: 'auth', reason: 'Nettbutikken avviser innloggingen (401).', failures: 1 },
      });
      expect(Date.parse(paused.pausedUntil ?? '')).toBeGreaterThan(Date.now());
      await gw.db.repos.flushPauses.resume(gw.tenantId);
      expect((await api('GET', `/tenants/${gw.tenantId}/progress`)).json).toMatchObject({
        shopUnreachable: false,
        pausedUntil: null,
        shopPause: null,
      });
    });

    it('activity: batches with receipts (paged), the TwinXML document, the call log', async () => {
      const list = await api('GET', `/tenants/${gw.tenantId}/batches?limit=10`);
      expect(list.status).toBe(200);
      const batches = list.json as unknown as { id: string; sequence: string; receipts: { ok: number } }[];
      expect(batches[0]).toMatchObject({ id: batchId, sequence: expect.stringMatching(/^\d+$/) });
      expect(batches[0].receipts.ok).toBeGreaterThanOrEqual(3);
      expect((await api('GET', `/tenants/${gw.tenantId}/batches?before=${batches[0].sequence}`)).json).toEqual([]);
      const one = await api('GET', `/tenants/${gw.tenantId}/batches/${batchId}`);
      expect((one.json as unknown as { receipts: { key: string; status: string }[] }).receipts).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: 'a:601', status: 'ok' })]),
      );
      const doc = await api('GET', `/tenants/${gw.tenantId}/batches/${batchId}/document`);
      expect(doc.type).toMatch(/^application\/xml/);
      expect(doc.text).toContain('a:601');
      expect(doc.text.startsWith('<?xml')).toBe(true);
      expect((await api('GET', `/tenants/${gw.tenantId}/batches/00000000-0000-4000-8000-000000000000`)).status).toBe(
        404,
      );
      expect((await api('GET', `/tenants/${gw.tenantId}/batches?limit=0`)).status).toBe(400);
      await gw.gateway.callLog.flush();
      const calls = (await api('GET', `/tenants/${gw.tenantId}/calls?operation=sendArticle&limit=2`))
        .json as unknown as { operation: string; result: number; durationMs: number }[];
      expect(calls).toHaveLength(2);
      expect(calls.every((c) => c.operation === 'sendArticle' && c.result === 0 && c.durationMs >= 0)).toBe(true);
      expect(JSON.stringify(calls)).not.toContain('Vare 60');
    });

    it('replays a stored batch: a product deleted in the shop comes back', async () => {
      const product = sim.state.productsBySku('ART-601')[0] as { id: number };
      sim.state.products(); // inspect only
      const admin = createNopApplier({ baseUrl: sim.url, ...SHOP });
      await (
        admin as unknown as { adapter: { client: { products: { delete(id: number): Promise<void> } } } }
      ).adapter.client.products.delete(product.id);
      await admin.close();
      expect(sim.state.productsBySku('ART-601').filter((p) => !(p as { deleted?: boolean }).deleted)).toEqual([]);
      const r = await api('POST', `/tenants/${gw.tenantId}/batches/${batchId}/replay`);
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ failed: 0 });
      expect((r.json as unknown as { applied: number }).applied).toBeGreaterThan(0);
      expect(sim.state.productsBySku('ART-601').filter((p) => !(p as { deleted?: boolean }).deleted)).toHaveLength(1);
      expect(
        (await api('POST', `/tenants/${gw.tenantId}/batches/00000000-0000-4000-8000-000000000000/replay`)).status,
      ).toBe(404);
    });

    it('problems: dead letters with the Norwegian message and technical detail; requeue one, a kind, all; dismiss with a reason', async () => {
      const repos = gw.db.repos;
      for (const id of [701, 702, 703]) await gw.call('sendArticle', { ...creds, article: article(id, Date.now()) });
      await repos.entities.stage(gw.tenantId, [
        { kind: 'category', key: 'g:9', record: { key: 'g:9', name: 'X' }, pckTimestamp: 1n },
      ]);
      // Fail everything once with maxAttempts 1, recording receipts as the runner does.
      const claimed = await repos.entities.claim(gw.tenantId, 'test', { limit: 100, leaseMs: 60_000 });
      const batch = await repos.batches.create(gw.tenantId, { document: '<x/>', recordCount: claimed.length });
      await repos.batches.finish(
        batch.id,
        'partial',
        claimed.map((c) => ({
          kind: c.kind,
          key: c.key,
          version: c.version,
          status: 'failed',
          message: 'HTTP 500 [POST /Product/Create]',
          humanMessage: 'Nettbutikken avviste varen.',
        })),
      );
      await repos.entities.complete(
        gw.tenantId,
        'test',
        claimed.map((c) => ({
          kind: c.kind,
          key: c.key,
          version: c.version,
          ok: false,
          error: 'HTTP 500 [POST /Product/Create]',
        })),
        { maxAttempts: 1 },
      );
      const r = await api('GET', `/tenants/${gw.tenantId}/problems`);
      const dl = (
        r.json as unknown as {
          deadLetters: {
            total: number;
            items: {
              kind: string;
              key: string;
              humanMessage: string;
              technical: string;
              attempts: number;
              firstFailureAt: string;
              lastFailureAt: string;
              record: unknown;
            }[];
          };
        }
      ).deadLetters;
      const keys = dl.items.map((i) => i.key);
      expect(keys).toEqual(expect.arrayContaining(['a:701', 'a:702', 'a:703', 'g:9']));
      const item = dl.items.find((i) => i.key === 'a:701');
      expect(item).toMatchObject({
        kind: 'product',
        humanMessage: 'Nettbutikken avviste varen.',
        technical: 'HTTP 500 [POST /Product/Create]',
        attempts: 1,
        record: expect.objectContaining({ key: 'a:701' }),
      });
      expect(Date.parse(item?.firstFailureAt ?? '')).toBeLessThanOrEqual(Date.parse(item?.lastFailureAt ?? ''));
      const total = dl.total;

      expect((await api('POST', `/tenants/${gw.tenantId}/problems/requeue`, { keys: ['a:701'] })).json).toEqual({
        requeued: 1,
      });
      expect((await repos.entities.get(gw.tenantId, 'product', ['a:701']))[0].deadLetteredAt).toBeNull();
      expect((await api('POST', `/tenants/${gw.tenantId}/problems/requeue`, { kind: 'category' })).json).toEqual({
        requeued: 1,
      });
      expect((await api('POST', `/tenants/${gw.tenantId}/problems/dismiss`, { keys: ['a:702'] })).status).toBe(400);
      expect(
        (await api('POST', `/tenants/${gw.tenantId}/problems/dismiss`, { keys: ['a:702'], reason: 'utgått vare' }))
          .json,
      ).toEqual({ dismissed: 1 });
      const [dismissed] = await repos.entities.get(gw.tenantId, 'product', ['a:702']);
      expect(dismissed.appliedVersion).toBe(dismissed.dirtyVersion);
      expect(dismissed.lastError).toBe('dismissed: utgått vare');
      const rest = await api('POST', `/tenants/${gw.tenantId}/problems/requeue`, {});
      expect(rest.json).toEqual({ requeued: total - 3 });
      expect((await repos.entities.deadLetters(gw.tenantId)).total).toBe(0);
      // The requeued products now reach the shop (the hand-made category record is not a valid one).
      await flush();
      expect(sim.state.productsBySku('ART-701')).toHaveLength(1);
      expect(sim.state.productsBySku('ART-703')).toHaveLength(1);
      expect(sim.state.productsBySku('ART-702')).toHaveLength(0);
    });

    it('problems lists failed orders and deliveries; an order’s history shows handed over and acknowledged', async () => {
      const repos = gw.db.repos;
      await repos.webOrders.stage(gw.tenantId, [
        { shopOrderId: 5001, record: {}, paidAt: new Date(Date.now() - 60_000) },
        { shopOrderId: 5002, record: {} },
      ]);
      await repos.webOrders.handOver(gw.tenantId, { acknowledgesWithStatus: true });
      await repos.webOrders.markTransferred(gw.tenantId, 5001);
      await repos.webOrders.markFailed(gw.tenantId, 5002, 7, 'Ukjent vare');
      await repos.deliveries.begin(gw.tenantId, 'delivery:99', 5001, { sendId: 99 });
      await repos.deliveries.finish(gw.tenantId, 'delivery:99', {}, '150.00');
      await repos.webOrders.addAmounts(gw.tenantId, 5001, { captured: '150.00' });
      await repos.deliveries.begin(gw.tenantId, 'delivery:100', 5002, {});
      await repos.deliveries.progress(gw.tenantId, 'delivery:100', { state: 'failed', lastError: 'capture declined' });
      const p = (await api('GET', `/tenants/${gw.tenantId}/problems`)).json as unknown as {
        failedOrders: { shopOrderId: number; failureReason: string }[];
        failedDeliveries: { ref: string }[];
      };
      expect(p.failedOrders).toEqual([expect.objectContaining({ shopOrderId: 5002, failureReason: 'Ukjent vare' })]);
      expect(p.failedDeliveries.map((d) => d.ref)).toEqual(['delivery:100']);
      const h = (await api('GET', `/tenants/${gw.tenantId}/orders/5001/history`)).json as unknown as {
        events: { event: string; amount?: string }[];
      };
      expect(h.events.map((e) => e.event)).toEqual([
        'paid',
        'staged',
        'handedToPck',
        'acknowledged',
        'delivered',
        'captured',
      ]);
      expect(h.events.find((e) => e.event === 'captured')?.amount).toBe('150.0000');
      expect((await api('GET', `/tenants/${gw.tenantId}/orders/999/history`)).status).toBe(404);
      expect((await api('POST', `/tenants/${gw.tenantId}/orders/5002/retry`)).status).toBe(200);
      expect((await repos.webOrders.get(gw.tenantId, 5002))?.state).toBe('staged');
    });
  });

  describe('reconciliation jobs', () => {
    it('runs on demand as a job with progress; repair re-stages what differs; nightly results are readable', async () => {
      const start = await api('POST', `/tenants/${gw.tenantId}/reconciliation-jobs`, {});
      expect(start.status).toBe(202);
      const job = start.json as unknown as { id: string; state: string };
      expect(start.headers.get('location')).toBe(`/admin/tenants/${gw.tenantId}/reconciliation-jobs/${job.id}`);
      const done = await until('job done', async () => {
        const j = (await api('GET', `/tenants/${gw.tenantId}/reconciliation-jobs/${job.id}`)).json as unknown as {
          state: string;
          progress: { done: number; total: number };
          result: { report: { ok: boolean; entities: { differences: { key: string }[] } } };
        };
        return j.state === 'done' || j.state === 'failed' ? j : undefined;
      });
      expect(done.state).toBe('done');
      expect(done.progress).toEqual({ done: 2, total: 2 });

      // The shop loses a product: the report says so, and a repair queues it again.
      const gone = sim.state.productsBySku('ART-603')[0] as { id: number };
      const admin = createNopApplier({ baseUrl: sim.url, ...SHOP });
      await (
        admin as unknown as { adapter: { client: { products: { delete(id: number): Promise<void> } } } }
      ).adapter.client.products.delete(gone.id);
      await admin.close();
      const repair = (await api('POST', `/tenants/${gw.tenantId}/reconciliation-jobs`, { repair: true }))
        .json as unknown as { id: string };
      const repaired = await until('repair done', async () => {
        const j = (await api('GET', `/tenants/${gw.tenantId}/reconciliation-jobs/${repair.id}`)).json as unknown as {
          state: string;
          progress: { done: number; total: number };
          result: {
            report: { ok: boolean; entities: { differences: { key: string }[] } };
            repair: { restaged: number; bindingsRemoved: number };
          };
        };
        return j.state === 'done' || j.state === 'failed' ? j : undefined;
      });
      expect(repaired.state).toBe('done');
      expect(repaired.progress).toEqual({ done: 3, total: 3 });
      expect(repaired.result.report.ok).toBe(false);
      expect(repaired.result.report.entities.differences.map((d) => d.key)).toContain('a:603');
      expect(repaired.result.repair.restaged).toBeGreaterThan(0);
      expect(repaired.result.repair.bindingsRemoved).toBeGreaterThan(0);
      expect(
        (await gw.db.repos.entities.pendingByKind(gw.tenantId)).find((k) => k.kind === 'product')?.pending,
      ).toBeGreaterThan(0);
      await flush();
      expect(sim.state.productsBySku('ART-603').filter((p) => !(p as { deleted?: boolean }).deleted)).toHaveLength(1);

      await gw.db.repos.reconciliationJobs.record(gw.tenantId, {
        trigger: 'nightly',
        repair: false,
        result: { ok: true },
        startedAt: new Date(),
      });
      const nightly = (await api('GET', `/tenants/${gw.tenantId}/reconciliation-jobs?trigger=nightly&limit=1`))
        .json as unknown as { trigger: string; result: unknown }[];
      expect(nightly).toEqual([expect.objectContaining({ trigger: 'nightly', result: { ok: true } })]);
    });

    it('refuses a job for a tenant without a shop (409)', async () => {
      const t = await gw.db.repos.tenants.create({ name: 'Uten butikk', pckLogin: 9100, pckPassword: 'passord-9100' });
      const r = await api('POST', `/tenants/${t.id}/reconciliation-jobs`, {});
      expect(r.status).toBe(409);
      expect(problem(r).code).toBe('SHOP_NOT_CONFIGURED');
    });
  });

  describe('access: operator tokens and the audit log', () => {
    let otherId: string;
    let operatorToken: string;
    let tokenId: string;

    beforeAll(async () => {
      otherId = (await gw.db.repos.tenants.create({ name: 'Naboen', pckLogin: 9200, pckPassword: 'passord-9200' })).id;
      const r = await api('POST', `/tenants/${otherId}/tokens`, { name: 'butikkeier' });
      expect(r.status).toBe(201);
      operatorToken = (r.json as unknown as { token: string }).token;
      tokenId = (r.json as unknown as { record: { id: string } }).record.id;
    });

    it('no token or a wrong one: 401 problem on every route except the public documents', async () => {
      for (const route of gw.gateway.admin?.table.routes ?? []) {
        const path = route.path
          .replace(/:id/g, gw.tenantId)
          .replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000')
          .replace('/orders/00000000-0000-4000-8000-000000000000', '/orders/1');
        for (const token of [null, 'wrong-token', 'pcknop_op_forged']) {
          const r = await api(
            route.method.toUpperCase(),
            path,
            route.method === 'post' || route.method === 'patch' ? {} : undefined,
            token,
          );
          if (route.access === 'public') expect(r.status).toBe(200);
          else {
            expect({ route: `${route.method} ${route.path}`, status: r.status }).toEqual({
              route: `${route.method} ${route.path}`,
              status: 401,
            });
            expect(r.type).toMatch(/^application\/problem\+json/);
            expect(r.headers.get('www-authenticate')).toBe('Bearer');
          }
        }
      }
    });

    it('another tenant’s operator token sees nothing of this tenant: 404 on every tenant route, 403 on integrator routes', async () => {
      for (const route of gw.gateway.admin?.table.routes ?? []) {
        if (route.access === 'public' || route.access === 'any') continue;
        const path = route.path
          .replace(/:id/g, gw.tenantId)
          .replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000')
          .replace('/orders/00000000-0000-4000-8000-000000000000', '/orders/5001');
        const r = await api(
          route.method.toUpperCase(),
          path,
          route.method === 'post' || route.method === 'patch' ? {} : undefined,
          operatorToken,
        );
        const expected = route.access === 'integrator' ? [403] : [404];
        expect({ route: `${route.method} ${route.path}`, status: r.status }).toEqual({
          route: `${route.method} ${route.path}`,
          status: expected[0],
        });
        expect(r.text).not.toContain('ART-6');
      }
      const list = (await api('GET', '/tenants', undefined, operatorToken)).json as unknown as { id: string }[];
      expect(list.map((t) => t.id)).toEqual([otherId]);
      const audit = (await api('GET', '/audit', undefined, operatorToken)).json as unknown as { tenantId: string }[];
      expect(audit.length).toBeGreaterThan(0);
      expect(audit.every((e) => e.tenantId === otherId)).toBe(true);
    });

    it('an operator token works on its own tenant, but may not deactivate it or manage tokens', async () => {
      expect((await api('GET', `/tenants/${otherId}`, undefined, operatorToken)).status).toBe(200);
      expect((await api('GET', `/tenants/${otherId}/progress`, undefined, operatorToken)).status).toBe(200);
      expect((await api('PATCH', `/tenants/${otherId}`, { options: { images: false } }, operatorToken)).status).toBe(
        200,
      );
      expect((await api('PATCH', `/tenants/${otherId}`, { active: false }, operatorToken)).status).toBe(403);
      expect((await api('POST', `/tenants/${otherId}/tokens`, { name: 'x' }, operatorToken)).status).toBe(403);
      expect((await api('DELETE', `/tenants/${otherId}`, undefined, operatorToken)).status).toBe(403);
      expect((await api('POST', '/tenants', { name: 'x' }, operatorToken)).status).toBe(403);
    });

    it('every change is in the audit log (who, what, when), with no secrets', async () => {
      const entries = (await api('GET', `/tenants/${otherId}/audit`)).json as unknown as {
        actor: string;
        action: string;
        at: string;
        details: Record<string, unknown>;
      }[];
      expect(entries[0]).toMatchObject({
        actor: `operator:${tokenId}`,
        action: 'tenant.update',
        details: { changed: ['options'] },
      });
      expect(entries.map((e) => e.action)).toContain('token.create');
      const all = (await api('GET', '/audit?limit=1000')).json as unknown as {
        action: string;
        tenantId: string | null;
      }[];
      const actions = new Set(all.map((e) => e.action));
      for (const a of [
        'tenant.create',
        'tenant.update',
        'tenant.delete',
        'tenant.rotate-pck-password',
        'problems.requeue',
        'problems.dismiss',
        'batch.replay',
        'reconciliation.repair',
        'order.retry',
      ])
        expect(actions).toContain(a);
      const text = JSON.stringify(all);
      expect(text).not.toMatch(/pckPassword"\s*:\s*"|"password"/);
      expect(text).not.toContain(operatorToken);
    });

    it('a revoked token stops working at once', async () => {
      expect((await api('DELETE', `/tenants/${otherId}/tokens/${tokenId}`)).status).toBe(204);
      expect((await api('GET', `/tenants/${otherId}`, undefined, operatorToken)).status).toBe(401);
      const tokens = (await api('GET', `/tenants/${otherId}/tokens`)).json as unknown as { revokedAt: string | null }[];
      expect(tokens[0].revokedAt).not.toBeNull();
      expect(JSON.stringify(tokens)).not.toContain(operatorToken);
    });
  });
});
