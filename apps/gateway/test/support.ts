import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { OperationName, RequestOf, ResponseOf } from '@pcknop/pck-contract';
import { callPck, postSoap, type SoapAnswer } from '@pcknop/pck-contract/testing';
import { createTestStore, type TestStore } from '@pcknop/staging-store/testing';
import { createGateway, type Gateway, type GatewayDeps } from '../src/lib/create-app';
import { defaultShopAdapterFactory } from '../src/lib/shop-connection';

export const LOGIN = 4711;
export const PASSWORD = 'hemmelig-passord';
export const ADMIN_TOKEN = 'admin-token-for-tests';

export type { TestStore };

export interface RunningGateway {
  url: string;
  soapUrl: string;
  gateway: Gateway;
  db: TestStore;
  tenantId: string;
  /** Calls an operation as PCK's .NET proxy would and reads the answer back with the contract's parser. */
  call<O extends OperationName>(
    operation: O,
    payload: RequestOf<O>,
  ): Promise<{ status: number; result: ResponseOf<O>; body: string }>;
  post(body: string | Buffer, headers?: Record<string, string>): Promise<SoapAnswer>;
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
      defaultShopAdapterFactory(undefined, {
        timeoutMs: 2000,
        retry: { maxRetries: 0, initialDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 100 },
      }),
    ...options,
    config: { adminToken: ADMIN_TOKEN, ...options.config },
  });
  const server: Server = await new Promise((resolve) => {
    const s = gateway.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const soapUrl = `${url}${options.config?.soapPath ?? '/WebshopWS'}`;
  return {
    url,
    soapUrl,
    gateway,
    db,
    tenantId,
    post: (body, headers) => postSoap(soapUrl, body, headers),
    call: (operation, payload) => callPck(soapUrl, operation, payload),
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

export { article } from '@pcknop/pck-contract/testing';

export const creds = { login: LOGIN, password: PASSWORD };
