import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Decimal } from 'decimal.js';
import pino from 'pino';
import { parseResponse, serializeRequest, type OperationName, type RequestOf, type ResponseOf } from '@pcknop/pck-contract';
import { createTestStore } from '@pcknop/staging-store/testing';
import { createGateway, type Gateway, type GatewayDeps } from '../src/lib/create-app';
import { defaultShopAdapterFactory } from '../src/lib/shop-connection';

export const LOGIN = 4711;
export const PASSWORD = 'hemmelig-passord';
export const ADMIN_TOKEN = 'admin-token-for-tests';

export type TestStore = Awaited<ReturnType<typeof createTestStore>>;

export interface RunningGateway {
  url: string;
  soapUrl: string;
  gateway: Gateway;
  db: TestStore;
  tenantId: string;
  /** Calls an operation as PCK's .NET proxy would and reads the answer back with the contract's parser. */
  call<O extends OperationName>(operation: O, payload: RequestOf<O>): Promise<{ status: number; result: ResponseOf<O>; body: string }>;
  post(body: string | Buffer, headers?: Record<string, string>): Promise<{ status: number; body: string; contentType: string }>;
  close(): Promise<void>;
}

export interface StartOptions extends Partial<Omit<GatewayDeps, 'store' | 'logger'>> {
  shopUrl?: string;
  shop?: { email: string; password: string };
  /** Use this store instead of a fresh test store (e.g. one pointed at a dead server). */
  db?: TestStore;
  createTenant?: boolean;
}

export const silentLogger = () => pino({ level: 'silent' });

/** A gateway on port 0 over a fresh test database, with one tenant (LOGIN/PASSWORD). */
export async function startGateway(options: StartOptions = {}): Promise<RunningGateway> {
  const db = options.db ?? (await createTestStore());
  let tenantId = '';
  if (options.createTenant !== false) {
    const t = await db.repos.tenants.create({
      name: 'Test',
      pckLogin: LOGIN,
      pckPassword: PASSWORD,
      shopUrl: options.shopUrl ?? null,
      shop: options.shop ?? null,
    });
    tenantId = t.id;
  }
  const gateway = createGateway({
    store: db.store,
    logger: silentLogger(),
    shopAdapterFactory:
      options.shopAdapterFactory ??
      defaultShopAdapterFactory(undefined, { timeoutMs: 2000, retry: { maxRetries: 0, initialDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 100 } }),
    ...options,
    config: { adminToken: ADMIN_TOKEN, ...options.config },
  });
  const server: Server = await new Promise((resolve) => {
    const s = gateway.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const soapUrl = `${url}${options.config?.soapPath ?? '/WebshopWS'}`;
  const post: RunningGateway['post'] = async (body, headers = {}) => {
    const res = await fetch(soapUrl, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '""', ...headers } });
    return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  };
  return {
    url,
    soapUrl,
    gateway,
    db,
    tenantId,
    post,
    async call(operation, payload) {
      const res = await post(serializeRequest(operation, payload));
      if (!res.body.includes(`${operation}Response`)) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 500)}`);
      return { status: res.status, result: parseResponse(operation, res.body).result, body: res.body };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await gateway.close();
      if (!options.db) await db.close();
    },
  };
}

/** A minimal valid article as PCK sends it. */
export function article(articleId: number, timestamp: number, extra: Record<string, unknown> = {}): RequestOf<'sendArticle'>['article'] {
  return {
    articleId,
    articleNo: `ART-${articleId}`,
    name: `Vare ${articleId}`,
    salesPrice: new Decimal('199.00'),
    vat: new Decimal(25),
    visibleOnWeb: true,
    timestamp,
    eans: [],
    alternatives: [],
    sizeColors: [],
    stockDetails: [],
    stockCount: 5,
    ...extra,
  } as RequestOf<'sendArticle'>['article'];
}

export const creds = { login: LOGIN, password: PASSWORD };
