import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { validateProfile } from '@pcknop/field-mapping';
import { StoreError, StoreErrorCode, type NewTenant, type Repositories, type TenantUpdate, type WebOrderState } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import { shopUrlProblem } from '../shop-url-policy';
import { reconciliationRoutes } from './reconciliation-routes';

export interface TenantRoutesDeps {
  token: string;
  repos: Repositories;
  logger: Logger;
  /** Called after a tenant changed: forget cached credentials and shop connections. */
  onTenantChanged(tenantId: string, pckLogin: number): void;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
  }
}

const sha = (s: string) => createHash('sha256').update(s).digest();

function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new BadRequest(`${key} must be a non-empty string`);
  return v;
}

function requiredStr(body: Record<string, unknown>, key: string): string {
  const v = str(body, key);
  if (v === undefined) throw new BadRequest(`${key} is required`);
  return v;
}

function shopUrl(body: Record<string, unknown>): string | null | undefined {
  if (body['shopUrl'] === null) return null;
  const url = str(body, 'shopUrl');
  if (url === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new BadRequest('shopUrl must be an http(s) URL');
  const problem = shopUrlProblem(url);
  if (problem) throw new BadRequest(problem);
  return url.replace(/\/+$/, '');
}

function shop(body: Record<string, unknown>): { email: string; password: string } | null | undefined {
  const s = body['shop'];
  if (s === undefined) return undefined;
  if (s === null) return null;
  if (typeof s !== 'object') throw new BadRequest('shop must be { email, password }');
  const o = s as Record<string, unknown>;
  return { email: requiredStr(o, 'email'), password: requiredStr(o, 'password') };
}

function profile(body: Record<string, unknown>): unknown {
  const p = body['mappingProfile'];
  if (p === undefined || p === null) return p;
  const checked = validateProfile(p);
  if (!checked.ok) throw new BadRequest('mappingProfile is not valid', checked.issues);
  return p;
}

function options(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const o = body['options'];
  if (o === undefined) return undefined;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new BadRequest('options must be an object');
  return o as Record<string, unknown>;
}

function newTenant(body: Record<string, unknown>): NewTenant {
  const login = body['pckLogin'];
  if (typeof login !== 'number' || !Number.isInteger(login) || login < 0 || login > 2_147_483_647) {
    throw new BadRequest('pckLogin must be a whole number (PCK sends it as xs:int)');
  }
  const password = requiredStr(body, 'pckPassword');
  if (password.length < 8) throw new BadRequest('pckPassword must have at least 8 characters');
  return {
    name: requiredStr(body, 'name'),
    pckLogin: login,
    pckPassword: password,
    shopUrl: shopUrl(body) ?? null,
    shop: shop(body) ?? null,
    mappingProfile: profile(body),
    options: options(body) ?? {},
  };
}

function tenantUpdate(body: Record<string, unknown>): TenantUpdate {
  const u: TenantUpdate = {};
  const name = str(body, 'name');
  if (name !== undefined) u.name = name;
  const password = str(body, 'pckPassword');
  if (password !== undefined) {
    if (password.length < 8) throw new BadRequest('pckPassword must have at least 8 characters');
    u.pckPassword = password;
  }
  const url = shopUrl(body);
  if (url !== undefined) u.shopUrl = url;
  const s = shop(body);
  if (s !== undefined) u.shop = s;
  if (body['mappingProfile'] !== undefined) u.mappingProfile = profile(body);
  const o = options(body);
  if (o !== undefined) u.options = o;
  if (body['active'] !== undefined) {
    if (typeof body['active'] !== 'boolean') throw new BadRequest('active must be true or false');
    u.active = body['active'];
  }
  if ('pckLogin' in body) throw new BadRequest('pckLogin cannot be changed; create a new tenant');
  return u;
}

const ORDER_STATES: readonly WebOrderState[] = ['staged', 'returned', 'transferred', 'failed'];

/**
 * The admin API (bearer token): create, list, read and update tenants — PCK credentials, shop connection (the
 * shop password is stored encrypted and never returned), mapping profile (validated) and options — and see or
 * retry a tenant's web orders.
 */
export function tenantRoutes(deps: TenantRoutesDeps): Router {
  const router = express.Router();
  const expected = sha(deps.token);
  router.use((req, res, next) => {
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!given || !timingSafeEqual(sha(given), expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
      return;
    }
    next();
  });
  router.use(express.json({ limit: '1mb' }));

  const body = (req: Request): Record<string, unknown> => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) throw new BadRequest('expected a JSON object');
    return req.body as Record<string, unknown>;
  };

  router.get('/tenants', async (_req, res) => {
    res.json(await deps.repos.tenants.list());
  });
  router.post('/tenants', async (req, res) => {
    const created = await deps.repos.tenants.create(newTenant(body(req)));
    deps.logger.info({ tenantId: created.id, pckLogin: created.pckLogin }, 'tenant created');
    res.status(201).json(created);
  });
  router.get('/tenants/:id', async (req, res) => {
    const t = await deps.repos.tenants.get(String(req.params['id']));
    if (!t) res.status(404).json({ error: 'no such tenant' });
    else res.json(t);
  });
  router.patch('/tenants/:id', async (req, res) => {
    const updated = await deps.repos.tenants.update(String(req.params['id']), tenantUpdate(body(req)));
    deps.onTenantChanged(updated.id, updated.pckLogin);
    deps.logger.info({ tenantId: updated.id }, 'tenant updated');
    res.json(updated);
  });
  router.get('/tenants/:id/orders', async (req, res) => {
    const state = typeof req.query['state'] === 'string' ? (req.query['state'] as WebOrderState) : undefined;
    if (state !== undefined && !ORDER_STATES.includes(state)) throw new BadRequest(`state must be one of ${ORDER_STATES.join(', ')}`);
    res.json(await deps.repos.webOrders.list(String(req.params['id']), state));
  });
  router.post('/tenants/:id/orders/:orderId/retry', async (req, res) => {
    const ok = await deps.repos.webOrders.retry(String(req.params['id']), Number(req.params['orderId']));
    res.status(ok ? 200 : 404).json({ retried: ok });
  });
  router.use('/tenants', reconciliationRoutes(deps));

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof BadRequest) {
      res.status(400).json({ error: error.message, issues: error.issues });
    } else if (error instanceof StoreError && error.code === StoreErrorCode.TenantLoginTaken) {
      res.status(409).json({ error: error.message });
    } else if (error instanceof StoreError && error.code === StoreErrorCode.TenantNotFound) {
      res.status(404).json({ error: 'no such tenant' });
    } else if (error instanceof StoreError && error.code === StoreErrorCode.SecretKeyMissing) {
      res.status(500).json({ error: error.message });
    } else if ((error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: 'body is not valid JSON' });
    } else {
      deps.logger.error({ err: error }, 'admin API failed');
      res.status(500).json({ error: 'internal error' });
    }
  });
  return router;
}
