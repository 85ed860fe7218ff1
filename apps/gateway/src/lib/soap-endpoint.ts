import type { Express, NextFunction, Request, Response } from 'express';
import {
  contentTypeFor,
  errorReply,
  parseRequest,
  renderWsdl,
  serializeFault,
  serializeResponse,
  type OperationName,
  type ResponseOf,
} from '@pcknop/pck-contract';
import type { TenantAuthenticator } from './authenticate-tenant';
import type { CallLogWriter } from './call-log';
import { classifyFailure } from './classify-failure';
import { sleep, withDeadline } from './deadline';
import type { FailureThrottle } from './failure-throttle';
import { GatewayError, GatewayErrorCode } from './gateway.exception';
import type { GatewayMetrics } from './metrics';
import type { CallContext, GatewayServices } from './operations/operation-context';
import { OPERATIONS } from './operations/registry';
import type { AdmissionGate } from './admission-gate';
import { BodyRefused, readSoapBody, releaseBody } from './read-soap-body';

export interface SoapEndpointOptions {
  path: string;
  publicUrl?: string;
  maxBodyBytes: number;
  /** Largest inflated/compressed ratio of a compressed body. */
  maxCompressionRatio: number;
  requestDeadlineMs: number;
  shopDeadlineMs: number;
}

export interface SoapEndpointDeps {
  services: GatewayServices;
  authenticator: TenantAuthenticator;
  throttle: FailureThrottle;
  metrics: GatewayMetrics;
  callLog: CallLogWriter;
  /** Bounds requests and body bytes in flight before authentication. */
  admission: AdmissionGate;
}

/** The registry seen without its per-operation types (they are checked where the registry is written). */
interface LooseHandler {
  public?: true;
  deadline?: 'db' | 'shop';
  entityKey?: (payload: unknown) => string | undefined;
  handle(ctx: unknown, payload: unknown): Promise<unknown>;
}

/** operationResult of any response shape (insertUpdate, status, or a plain URL string = 0). */
function resultCodeOf(result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0;
  const r = result as { operationResult?: number; insertUpdate?: { operationResult?: number } };
  return r.operationResult ?? r.insertUpdate?.operationResult ?? 0;
}

function humanMessageOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as { humanErrorMessage?: string; message?: string; insertUpdate?: { humanErrorMessage?: string } };
  return r.humanErrorMessage ?? r.insertUpdate?.humanErrorMessage ?? r.message;
}

function wantsWsdl(req: Request): boolean {
  return Object.keys(req.query).some((k) => k.toLowerCase() === 'wsdl');
}

/**
 * A SOAP answer, written directly: Express's send() would hash the body for an ETag and run a freshness check, which a
 * POST answer never uses (~2% of a sendArticle call's CPU).
 */
function sendXml(res: Response, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
  res.end(body, 'utf8');
}

/** How long a refused caller should wait before trying again (seconds). */
const BUSY_RETRY_AFTER_S = 5;

function sendFault(res: Response, status: number, message: string, code: 'Client' | 'Server' = 'Client'): void {
  res.status(status).type(contentTypeFor('1.1')).send(serializeFault({ code, message }, '1.1'));
}

/**
 * Mounts the WebshopWS endpoint on `app` (directly, not as a nested router: a mounted router costs a prefix trim
 * and a second layer walk on every call). `GET <path>?wsdl` serves the WSDL; `POST <path>` parses the envelope,
 * authenticates the tenant (except createWebshop), dispatches through the operation registry under a deadline, and
 * answers in the request's SOAP version and namespace. Business and infrastructure failures are answered as operationResult
 * 1/2/3 with a Norwegian message; only an envelope that cannot be understood gets a SOAP Fault.
 */
export function mountSoapEndpoint(app: Express, options: SoapEndpointOptions, deps: SoapEndpointDeps): void {
  const { services, authenticator, throttle, metrics, callLog, admission } = deps;

  app.get(options.path, (req, res) => {
    if (!wantsWsdl(req)) {
      res.type('text/plain; charset=utf-8').send(`PCKasse WebshopWS endpoint. WSDL: ${options.path}?wsdl\n`);
      return;
    }
    const address = options.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}${options.path}`;
    res.type('text/xml; charset=utf-8').send(renderWsdl(address));
  });

  app.post(
    options.path,
    readSoapBody({ maxBytes: options.maxBodyBytes, maxCompressionRatio: options.maxCompressionRatio }, admission),
    async (req, res) => {
      const started = process.hrtime.bigint();
      const receivedAt = new Date();
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const parsed = parseRequest(body, { maxBytes: options.maxBodyBytes });
      // The body is parsed: its bytes need no place in the admission gate any more (a held wrong password must not
      // keep one while it waits).
      req.body = undefined;
      releaseBody(res);
      if (!parsed.ok) {
        const operation = parsed.kind === 'invalid' ? parsed.operation : 'unknown';
        const result = parsed.kind === 'invalid' ? '1' : 'fault';
        metrics.calls.inc({ operation, result });
        services.logger.warn(
          { operation, kind: parsed.kind, issues: parsed.kind === 'invalid' ? parsed.issues.slice(0, 5) : undefined },
          'rejected PCK request',
        );
        sendXml(res, parsed.reply.httpStatus, parsed.reply.contentType, parsed.reply.body);
        return;
      }

      const operation: OperationName = parsed.operation;
      const payload: unknown = parsed.payload;
      const responseCtx = { soapVersion: parsed.soapVersion, namespace: parsed.namespace };
      const handler = OPERATIONS[operation] as unknown as LooseHandler;
      // Taken now, so nothing below keeps the request body or the payload's tree alive past the handler: 32 calls
      // in flight otherwise carry their parse trees through every young-generation GC.
      let entityKey: string | undefined;
      try {
        entityKey = handler.entityKey?.(payload);
      } catch {
        entityKey = undefined;
      }
      let tenantId: string | null = null;
      let replyBody: string;
      let httpStatus = 200;
      let code: number;
      let message: string | undefined;
      // Work a handler wants done only once its answer is out (getOrders for an old PCK); dropped on any failure.
      let afterAnswer: (() => Promise<void>)[] = [];
      let answered = false;
      try {
        let result: unknown;
        if (handler.public) {
          result = await withDeadline(handler.handle(services, payload), options.requestDeadlineMs);
        } else {
          const { login, password } = payload as { login: number; password: string };
          let auth;
          try {
            // A remembered login answers at once; only a real check (database, scrypt) runs under the deadline.
            // Nothing waits before the check: a right password is never held back by someone else's guesses.
            auth =
              authenticator.remembered(login, password) ??
              (await withDeadline(authenticator.authenticate(login, password), options.requestDeadlineMs));
          } catch (error) {
            if (error instanceof GatewayError && error.code === GatewayErrorCode.WrongCredentials) {
              metrics.authFailures.inc();
              const hold = await throttle.failed(login, req.ip ?? req.socket.remoteAddress ?? 'unknown');
              if (hold > 0) await sleep(hold);
            }
            throw error;
          }
          tenantId = auth.tenant.id;
          const ctx: CallContext = {
            services,
            auth,
            receivedAt,
            afterAnswer: (work) => void (answered || afterAnswer.push(work)),
          };
          const deadline = handler.deadline === 'shop' ? options.shopDeadlineMs : options.requestDeadlineMs;
          result = await withDeadline(handler.handle(ctx, payload), deadline);
        }
        code = resultCodeOf(result);
        message = humanMessageOf(result);
        replyBody = serializeResponse(operation, result as ResponseOf<OperationName>, responseCtx);
      } catch (error) {
        afterAnswer = [];
        const failure = classifyFailure(error);
        const insertUpdate = failure.toResult();
        code = insertUpdate.operationResult;
        message = insertUpdate.humanErrorMessage;
        const level =
          code === 1 && failure.code !== GatewayErrorCode.WrongCredentials ? 'warn' : code === 1 ? 'info' : 'error';
        services.logger[level](
          { err: error, operation, tenantId, code: failure.code },
          `PCK ${operation} answered operationResult ${code}`,
        );
        const reply = errorReply(operation, insertUpdate, responseCtx);
        replyBody = reply.body;
        httpStatus = reply.httpStatus;
      }
      answered = true;
      if (afterAnswer.length > 0) {
        const work = afterAnswer;
        // 'finish': the whole answer was handed to the operating system; a connection closed before never gets it.
        res.once('finish', () => {
          for (const w of work)
            w().catch((error: unknown) =>
              services.logger.error({ err: error, operation, tenantId }, 'work after the answer failed'),
            );
        });
      }
      sendXml(res, httpStatus, contentTypeFor(responseCtx.soapVersion), replyBody);

      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.calls.inc({ operation, result: String(code) });
      metrics.latency.observe({ operation }, seconds);
      callLog.record({
        tenantId,
        operation,
        result: code,
        durationMs: seconds * 1000,
        entityKey,
        message: code === 0 ? null : message,
      });
    },
  );

  // Body errors (too large, aborted, bad encoding) on the SOAP path: a SOAP Fault, never Express's HTML page.
  app.use(options.path, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number; limit?: number };
    if (error instanceof BodyRefused && error.type === 'server.busy') {
      metrics.calls.inc({ operation: 'unknown', result: 'busy' });
      // The body was never read: close the connection rather than read it off.
      res.setHeader('Retry-After', String(BUSY_RETRY_AFTER_S));
      res.setHeader('Connection', 'close');
      sendFault(res, 503, error.message, 'Server');
      return;
    }
    if (error instanceof BodyRefused) {
      metrics.calls.inc({ operation: 'unknown', result: 'refused' });
      sendFault(res, error.status, error.message);
      return;
    }
    if (e.type === 'entity.too.large') {
      metrics.calls.inc({ operation: 'unknown', result: 'too_large' });
      sendFault(
        res,
        413,
        `Request body too large: the limit is ${options.maxBodyBytes} bytes (Forespørselen er for stor).`,
      );
      return;
    }
    services.logger.warn({ err: error }, 'unreadable SOAP request');
    sendFault(
      res,
      e.status && e.status >= 400 && e.status < 500 ? e.status : 400,
      'The request body could not be read.',
    );
  });
}
