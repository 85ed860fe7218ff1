import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { StoreError, StoreErrorCode, type Repositories } from '@pcknop/staging-store';

export interface TwinxmlAdminRoutesDeps {
  token: string;
  repos: Repositories;
  /** A source was created or switched: PCK's calls must see the new ownership at once. */
  onSourcesChanged(tenantId: string): void;
}

const sha = (s: string) => createHash('sha256').update(s).digest();

/**
 * The operator's view of issue 17's additions, under /admin: a tenant's order-trigger outcome, and its TwinXML
 * sources (created here; the token is shown once) with their latest documents.
 */
export function twinxmlAdminRoutes(deps: TwinxmlAdminRoutesDeps): Router {
  const router = express.Router();
  const expected = sha(deps.token);
  const auth = (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!timingSafeEqual(sha(given), expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
      return;
    }
    next();
  };
  const route =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response, next: NextFunction): void => {
      fn(req, res).catch(next);
    };
  const tenantOr404 = async (req: Request, res: Response): Promise<string | undefined> => {
    const id = String(req.params['id']);
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await deps.repos.tenants.get(id))) {
      res.status(404).json({ error: 'no such tenant' });
      return undefined;
    }
    return id;
  };

  router.get(
    '/tenants/:id/order-trigger',
    auth,
    route(async (req, res) => {
      const id = await tenantOr404(req, res);
      if (id) res.json({ status: await deps.repos.orderTriggers.status(id) });
    }),
  );

  router.get(
    '/tenants/:id/twinxml-sources',
    auth,
    route(async (req, res) => {
      const id = await tenantOr404(req, res);
      if (!id) return;
      const sources = await deps.repos.twinxmlSources.list(id);
      res.json({
        sources: await Promise.all(
          sources.map(async (s) => ({ ...s, documents: await deps.repos.twinxmlSources.listDocuments(s.id, 10) })),
        ),
      });
    }),
  );

  router.post(
    '/tenants/:id/twinxml-sources',
    auth,
    express.json({ limit: '64kb' }),
    route(async (req, res) => {
      const id = await tenantOr404(req, res);
      if (!id) return;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const owns = body['owns'];
      if (typeof body['name'] !== 'string' || !Array.isArray(owns) || !owns.every((k) => typeof k === 'string')) {
        res.status(400).json({ error: 'expected { name: string, owns: string[] }' });
        return;
      }
      try {
        const created = await deps.repos.twinxmlSources.create({
          tenantId: id,
          name: body['name'],
          owns: owns as string[],
        });
        deps.onSourcesChanged(id);
        res.status(201).json(created);
      } catch (error) {
        if (error instanceof StoreError && error.code === StoreErrorCode.InvalidArgument) {
          res.status(400).json({ error: error.message });
          return;
        }
        throw error;
      }
    }),
  );

  return router;
}
