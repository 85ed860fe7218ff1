import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { NextFunction, Request, Response } from 'express';
import pino, { Logger } from 'pino';
import { AuthService } from './auth';
import { SimClock, formatNopDate } from './clock';
import type { SimContext, SimSettings } from './context';
import { Row, toDto } from './dto';
import type { DtoName, SimVersion } from './dto-spec';
import { FaultInjector, FaultSettings } from './faults';
import { Reply, Routes } from './http';
import { NopSimError, NopSimErrorCode, errorBody, errorStatus } from './nop-sim.exception';
import { SimStore } from './store';
import { GuidSource, seedInitialData } from './seed-data';
import { SimInspector } from './inspect';
import { registerProductRoutes } from './routes/products.routes';
import { registerAttributeRoutes } from './routes/attributes.routes';
import { registerCategoryRoutes } from './routes/categories.routes';
import { registerManufacturerRoutes } from './routes/manufacturers.routes';
import { registerPricingRoutes } from './routes/pricing.routes';
import { registerPictureRoutes } from './routes/pictures.routes';
import { registerOrderRoutes } from './routes/orders.routes';
import { registerShipmentRoutes } from './routes/shipments.routes';
import { registerOrderProcessingRoutes } from './routes/order-processing.routes';
import { registerCustomerRoutes } from './routes/customers.routes';
import { registerAdminRoutes } from './admin.routes';

export interface NopSimOptions {
  /** 0 (default in tests) picks a free port. */
  port?: number;
  host?: string;
  adminEmail?: string;
  adminPassword?: string;
  version?: SimVersion;
  /** Seeds the fault PRNG, the JWT key and GUIDs: same seed + same calls = same run. */
  seed?: number;
  /** Loaded on start when it exists, written on close. */
  snapshotFile?: string;
  developerMode?: boolean;
  tokenLifetimeDays?: number;
  failedPasswordAllowedAttempts?: number;
  completeOrderWhenDelivered?: boolean;
  capturePaymentMethods?: string[];
  /** Initial fault settings. */
  faults?: Partial<FaultSettings>;
  /** pino level; default 'silent'. */
  logLevel?: string;
}

export const DEFAULT_ADMIN_EMAIL = 'admin@nop-sim.local';
export const DEFAULT_ADMIN_PASSWORD = 'admin';
export const DEFAULT_PORT = 5081;

export interface FaultControl {
  get(): FaultSettings;
  set(partial: Partial<FaultSettings>): FaultSettings;
  /** No faults, PRNG restarted (with a new seed if given), counters zeroed. */
  reset(seed?: number): void;
  /** Regenerates the JWT secret: every issued token gets 401 from now on. */
  expireTokens(): void;
  /** Injected faults so far, by kind. */
  injected(): { error: number; reset: number; rate503: number; delayed: number };
}

export interface NopSim {
  url: string;
  port: number;
  version: SimVersion;
  /** Inspection and seeding (products, pictures, orders, call counts, reset). */
  state: SimInspector;
  faults: FaultControl;
  /** Simulated clock (token expiry, date filters, timestamps the simulator sets). */
  clock: SimClock;
  /** Writes the snapshot (if configured) and stops the server. */
  close(): Promise<void>;
}

const SWAGGER_VERSION: Record<SimVersion, string> = { '4.60': 'v4.60.00', '4.70': 'v4.70.1', '4.80': 'v4.80.1' };

function sendReply(res: Response, reply: Reply): void {
  res.status(reply.status);
  if (reply.raw) {
    res.type(reply.raw.contentType).send(reply.raw.data);
  } else if (reply.body === undefined) {
    res.end();
  } else {
    res.type('application/json; charset=utf-8').send(JSON.stringify(reply.body));
  }
}

export function errorReply(err: unknown, log: Logger): Reply {
  if (err instanceof NopSimError) return { status: errorStatus(err.code), body: errorBody(err) };
  log.error({ err }, 'unexpected simulator error');
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { message, inner_exception_message: null, stack_trace: '' } };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startNopSim(options: NopSimOptions = {}): Promise<NopSim> {
  const settings: SimSettings = {
    version: options.version ?? '4.70',
    adminEmail: options.adminEmail ?? DEFAULT_ADMIN_EMAIL,
    adminPassword: options.adminPassword ?? DEFAULT_ADMIN_PASSWORD,
    developerMode: options.developerMode ?? false,
    tokenLifetimeDays: options.tokenLifetimeDays ?? 7,
    failedPasswordAllowedAttempts: options.failedPasswordAllowedAttempts ?? 0,
    failedPasswordLockoutMinutes: 30,
    completeOrderWhenDelivered: options.completeOrderWhenDelivered ?? false,
    capturePaymentMethods: options.capturePaymentMethods ?? ['Payments.SimGateway'],
  };
  const log = pino({
    name: 'nop-sim',
    level: options.logLevel ?? 'silent',
    redact: ['req.headers.authorization', 'body.token', 'binary'],
  });
  const store = new SimStore();
  const clock = new SimClock();
  const guids = new GuidSource(options.seed);
  const auth = new AuthService(store, clock, settings, options.seed);
  const faults = new FaultInjector(options.seed ?? Date.now() & 0x7fffffff, settings.version !== '4.60', () =>
    clock.now().getTime(),
  );
  if (options.faults) faults.set(options.faults);
  const calls = new Map<string, number>();
  let baseUrl = '';

  const ctx: SimContext = {
    store,
    settings,
    clock,
    auth,
    log,
    now: () => formatNopDate(clock.now()),
    baseUrl: () => baseUrl,
    dto: (name: DtoName, row: Row) => toDto(name, row, settings.version),
  };

  const freshInstall = (): void => {
    store.clear();
    guids.reset();
    seedInitialData(store, settings, guids, clock.now());
  };
  if (!(options.snapshotFile && store.loadFrom(options.snapshotFile))) freshInstall();

  const state = new SimInspector(ctx, guids, calls, () => {
    freshInstall();
    calls.clear();
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // CORS: the plugin allows any origin, method and header.
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Allow-Methods', '*');
    res.set('Access-Control-Allow-Headers', '*');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });
  // ~30,000,000 bytes: the ASP.NET Core/IIS request default.
  const limit = 30_000_000;
  app.use(
    express.json({
      type: ['application/json', 'application/json-patch+json', 'text/json', 'application/*+json'],
      strict: false,
      limit,
    }),
  );
  app.use(express.raw({ type: 'multipart/form-data', limit }));

  const count = (key: string): void => {
    calls.set(key, (calls.get(key) ?? 0) + 1);
  };

  app.get('/swagger-backend/CommonInfo/GetSwaggerDocVersion', (_req, res) => {
    count('GET /swagger-backend/CommonInfo/GetSwaggerDocVersion');
    sendReply(res, { status: 200, body: SWAGGER_VERSION[settings.version] });
  });

  app.post('/api-backend/Authenticate/GetToken', async (req, res) => {
    await runWithFaults(req, res, 'POST /api-backend/Authenticate/GetToken', () => auth.getToken(req.body));
  });

  const routes = new Routes();
  registerProductRoutes(routes);
  registerAttributeRoutes(routes, settings);
  registerCategoryRoutes(routes);
  registerManufacturerRoutes(routes);
  registerPricingRoutes(routes, settings);
  registerPictureRoutes(routes, settings);
  registerOrderRoutes(routes);
  registerShipmentRoutes(routes);
  registerOrderProcessingRoutes(routes);
  registerCustomerRoutes(routes);

  async function runWithFaults(
    req: Request,
    res: Response,
    key: string,
    run: () => Reply | Promise<Reply>,
  ): Promise<void> {
    count(key);
    const decision = faults.decide(req.path, String(req.headers.host ?? ''));
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.reply503) {
      // The rate limiter's rejection: 503, empty body, no Retry-After.
      res.status(503).end();
      return;
    }
    if (decision.reset === 'before') {
      req.socket.destroy();
      return;
    }
    const deadlock = errorReply(new NopSimError(NopSimErrorCode.Deadlock, String(decision.deadlockProcessId)), log);
    if (decision.error === 'before') {
      sendReply(res, deadlock);
      return;
    }
    let reply: Reply;
    try {
      reply = await run();
    } catch (err) {
      reply = errorReply(err, log);
    }
    if (decision.reset === 'after') {
      req.socket.destroy();
      return;
    }
    sendReply(res, decision.error === 'after' ? deadlock : reply);
    log.debug({ method: req.method, path: req.path, status: res.statusCode }, 'request');
  }

  for (const def of routes.defs) {
    const full = `/api-backend${def.path}`;
    const key = `${def.method} ${full}`;
    const handler = async (req: Request, res: Response): Promise<void> => {
      await runWithFaults(req, res, key, async () => {
        if (!def.anonymous) {
          const result = auth.authenticate(req);
          if (!result.ok) return result.reply;
        }
        return def.handler(req, ctx);
      });
    };
    switch (def.method) {
      case 'GET':
        app.get(full, handler);
        break;
      case 'POST':
        app.post(full, handler);
        break;
      case 'PUT':
        app.put(full, handler);
        break;
      case 'DELETE':
        app.delete(full, handler);
        break;
    }
  }

  // Picture files behind GetPictureUrl.
  app.get('/images/thumbs/:file', (req, res) => {
    const id = Number.parseInt(String(req.params.file), 10);
    const picture = store.t.pictures.get(id);
    const data = store.pictureBinaries.get(id);
    if (!picture || !data) {
      res.status(404).end();
      return;
    }
    sendReply(res, {
      status: 200,
      raw: { contentType: String(picture.mime_type || 'application/octet-stream'), data },
    });
  });

  const faultControl: FaultControl = {
    get: () => faults.get(),
    set: (partial) => faults.set(partial),
    reset: (seed) => faults.reset(seed),
    expireTokens: () => auth.regenerateSecret(),
    injected: () => ({ ...faults.injected }),
  };

  registerAdminRoutes(app, { state, faults: faultControl, clock, snapshotFile: options.snapshotFile, store });

  // Body parse errors (bad JSON) → ASP.NET Core's validation problem; too large → 413.
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      res.status(413).end();
      return;
    }
    if (type === 'entity.parse.failed') {
      sendReply(res, {
        status: 400,
        body: errorBody(
          new NopSimError(NopSimErrorCode.ModelBinding, 'bad JSON', { $: ['The JSON value could not be parsed.'] }),
        ),
      });
      return;
    }
    sendReply(res, errorReply(err, log));
  });
  // Unknown routes: ASP.NET Core answers an empty 404.
  app.use((_req: Request, res: Response) => {
    res.status(404).end();
  });

  const host = options.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  log.info({ url: baseUrl, version: settings.version }, 'nop-sim listening');

  return {
    url: baseUrl,
    port,
    version: settings.version,
    state,
    faults: faultControl,
    clock,
    close: async () => {
      if (options.snapshotFile) store.saveTo(options.snapshotFile);
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
