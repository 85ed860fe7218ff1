import type { Express, Request, Response } from 'express';
import type { SimClock } from './clock';
import type { FaultControl } from './server';
import type { SimInspector, SeedOrderInput } from './inspect';
import { SimStore, TABLE_NAMES, TableName } from './store';

interface AdminDeps {
  state: SimInspector;
  faults: FaultControl;
  clock: SimClock;
  store: SimStore;
  snapshotFile: string | undefined;
}

/** The HTTP control API under /__sim (no auth, never faulted): the same controls as the in-process handle. */
export function registerAdminRoutes(app: Express, deps: AdminDeps): void {
  const fail = (res: Response, err: unknown): void => {
    res.status(400).json({ message: err instanceof Error ? err.message : String(err) });
  };
  app.get('/__sim/faults', (_req, res) => {
    res.json({ settings: deps.faults.get(), injected: deps.faults.injected() });
  });
  app.post('/__sim/faults', (req: Request, res: Response) => {
    try {
      res.json(deps.faults.set((req.body ?? {}) as Parameters<FaultControl['set']>[0]));
    } catch (err) {
      fail(res, err);
    }
  });
  app.post('/__sim/faults/reset', (req: Request, res: Response) => {
    const seed = (req.body as { seed?: unknown } | undefined)?.seed;
    deps.faults.reset(typeof seed === 'number' ? seed : undefined);
    res.json(deps.faults.get());
  });
  app.post('/__sim/tokens/expire', (_req, res) => {
    deps.faults.expireTokens();
    res.status(204).end();
  });
  app.post('/__sim/clock/advance', (req: Request, res: Response) => {
    const ms = Number((req.body as { ms?: unknown } | undefined)?.ms);
    if (!Number.isFinite(ms)) {
      fail(res, new Error('ms must be a number'));
      return;
    }
    deps.clock.advance(ms);
    res.json({ now: deps.clock.now().toISOString() });
  });
  app.post('/__sim/reset', (_req, res) => {
    deps.state.reset();
    res.status(204).end();
  });
  app.get('/__sim/calls', (_req, res) => {
    res.json(deps.state.calls());
  });
  app.post('/__sim/orders', (req: Request, res: Response) => {
    try {
      res.json(deps.state.seedOrder(req.body as SeedOrderInput));
    } catch (err) {
      fail(res, err);
    }
  });
  app.get('/__sim/state/:table', (req: Request, res: Response) => {
    const table = String(req.params.table);
    if (!(TABLE_NAMES as readonly string[]).includes(table)) {
      res.status(404).json({ message: `tables: ${TABLE_NAMES.join(', ')}` });
      return;
    }
    res.json(deps.state.list(table as TableName));
  });
  app.post('/__sim/snapshot', (_req, res) => {
    if (!deps.snapshotFile) {
      fail(res, new Error('no snapshotFile configured'));
      return;
    }
    deps.store.saveTo(deps.snapshotFile);
    res.status(204).end();
  });
}
