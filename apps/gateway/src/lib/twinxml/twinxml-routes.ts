import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Repositories, TwinxmlSourceRecord } from '@pcknop/staging-store';
import { emptyDocument, encodeTwinXml, TwinBatchMode, TWINXML_SCHEMA_VERSION } from '@pcknop/twinxml';
import type { Logger } from 'pino';
import { stagedOrderFromJson } from '../twin-order-json';
import { ingestDocument, type DocumentBody } from './ingest-document';
import { TwinXmlIngestError, TwinXmlIngestErrorCode } from './twinxml-ingest.exception';

export interface TwinXmlRoutesDeps {
  repos: Repositories;
  logger: Logger;
  /** Largest document accepted (bytes); default TWINXML_MAX_BYTES or 1 GiB (memory stays bounded at any size). */
  maxBytes?: number;
}

const MAX_ORDERS = 500;

/** The request body for the streaming decoder; when decoding stops early the rest is read and dropped (`drain`). */
function documentBody(req: Request): DocumentBody {
  const it = req[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  let finished = false;
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const r = await it.next();
    if (r.done) finished = true;
    return r;
  };
  return {
    [Symbol.asyncIterator]: () => ({
      next,
      // The decoder stopping must not destroy the request: the answer still has to go out on this connection.
      return: async () => ({ done: true, value: undefined }),
    }),
    async drain() {
      while (!finished) await next();
    },
  };
}

function sendError(res: Response, error: TwinXmlIngestError): void {
  // The rest of an oversized body is not read: close the connection after the answer.
  if (error.code === TwinXmlIngestErrorCode.TooLarge) res.setHeader('connection', 'close');
  if (error.code === TwinXmlIngestErrorCode.Unauthorized) res.setHeader('www-authenticate', 'Bearer realm="twinxml"');
  res.status(error.status).json({ error: error.code, message: error.message, issues: error.issues });
}

const asyncRoute =
  (fn: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    fn(req, res).catch(next);
  };

/**
 * TwinXML in and out for integrations other than PCK, each authenticated by its source token:
 * `POST /documents` stages a document (see ingest-document.ts), `GET /orders?since=` gives paid orders as TwinXML.
 */
export function twinxmlRoutes(deps: TwinXmlRoutesDeps): Router {
  const router = express.Router();
  const maxBytes = deps.maxBytes ?? 1024 * 1024 * 1024;

  router.use((req: Request, res: Response, next: NextFunction) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    (token ? deps.repos.twinxmlSources.authenticate(token) : Promise.resolve(null)).then((source) => {
      if (!source) return sendError(res, new TwinXmlIngestError(TwinXmlIngestErrorCode.Unauthorized));
      res.locals['source'] = source;
      next();
    }, next);
  });

  router.post(
    '/documents',
    asyncRoute(async (req, res) => {
      const source = res.locals['source'] as TwinxmlSourceRecord;
      const body = documentBody(req);
      try {
        if (!req.is(['application/xml', 'text/xml', 'application/*+xml']))
          throw new TwinXmlIngestError(TwinXmlIngestErrorCode.UnsupportedMediaType);
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > maxBytes)
          throw new TwinXmlIngestError(TwinXmlIngestErrorCode.TooLarge, `At most ${maxBytes} bytes.`);
        const answer = await ingestDocument({ repos: deps.repos, limits: { maxBytes: maxBytes } }, source, body);
        deps.logger.info(
          {
            sourceId: source.id,
            tenantId: source.tenantId,
            batchId: answer.batchId,
            accepted: answer.accepted,
            refused: answer.refused,
            duplicate: answer.duplicate,
          },
          'twinxml document',
        );
        res.json(answer);
      } catch (error) {
        const failure =
          error instanceof TwinXmlIngestError ? error : new TwinXmlIngestError(TwinXmlIngestErrorCode.Unavailable);
        if (!(error instanceof TwinXmlIngestError) || failure.code === TwinXmlIngestErrorCode.Unavailable)
          deps.logger.error({ sourceId: source.id, err: error }, 'twinxml document failed');
        else
          deps.logger.warn(
            { sourceId: source.id, code: failure.code, issues: failure.issues.slice(0, 3) },
            'twinxml document refused',
          );
        if (failure.code !== TwinXmlIngestErrorCode.TooLarge) await body.drain().catch(() => undefined);
        sendError(res, failure);
      }
    }),
  );

  router.get(
    '/orders',
    asyncRoute(async (req, res) => {
      const source = res.locals['source'] as TwinxmlSourceRecord;
      const rawSince = typeof req.query['since'] === 'string' ? req.query['since'] : undefined;
      const since = rawSince === undefined ? new Date(0) : new Date(rawSince);
      if (Number.isNaN(since.getTime())) {
        sendError(res, new TwinXmlIngestError(TwinXmlIngestErrorCode.BadQuery, 'since must be an ISO-8601 instant.'));
        return;
      }
      const tenant = await deps.repos.tenants.get(source.tenantId);
      const rows = await deps.repos.webOrders.listPaidSince(source.tenantId, since, MAX_ORDERS);
      const currency = typeof tenant?.options['currency'] === 'string' ? tenant.options['currency'] : 'NOK';
      const doc = emptyDocument({
        schemaVersion: TWINXML_SCHEMA_VERSION,
        sourceSystem: 'pcknop',
        tenant: source.tenantId,
        batchId: `orders-${since.toISOString()}`,
        sequence: 0,
        createdAt: new Date(),
        mode: TwinBatchMode.Delta,
        currency,
      });
      for (const row of rows) {
        try {
          doc.orders.push(stagedOrderFromJson(row.record).order);
        } catch (error) {
          // An order twinxml cannot read is left out here (and shown to the operator as failed by getOrders).
          deps.logger.warn(
            { tenantId: source.tenantId, shopOrderId: row.shopOrderId, err: error },
            'staged order unreadable; left out of the TwinXML feed',
          );
        }
      }
      const last = rows[rows.length - 1];
      // Inclusive: orders at exactly this instant come again on the next page (a reader de-duplicates by order key).
      if (last) res.setHeader('x-next-since', last.at.toISOString());
      res.setHeader('x-more', rows.length === MAX_ORDERS ? 'true' : 'false');
      res.type('application/xml; charset=utf-8').send(encodeTwinXml(doc));
    }),
  );

  return router;
}
