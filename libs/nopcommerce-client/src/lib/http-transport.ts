import {
  BrokenCircuitError,
  BulkheadPolicy,
  BulkheadRejectedError,
  CircuitBreakerPolicy,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IBackoff,
  IBackoffFactory,
  IRetryBackoffContext,
  RetryPolicy,
  TaskCancelledError,
  TimeoutPolicy,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  decorrelatedJitterGenerator,
  handleWhen,
  retry,
  timeout,
} from 'cockatiel';
import { Agent, FormData, request } from 'undici';
import { NopLogger, logAt } from './logger';
import { NopClientError, NopErrorCode } from './nop-client-error';
import { Query, buildQuery } from './query-string';
import { TokenManager } from './token-manager';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestSpec {
  method: HttpMethod;
  /** Path below the base URL, e.g. `/api-backend/Product/GetById/5`. */
  path: string;
  query?: Query;
  /** JSON body; a string is sent as a JSON string literal (nop's XML and base64 bodies). */
  json?: unknown;
  form?: FormData;
  /**
   * Safe to repeat blindly. False for creates, captures, refunds and the GETs that write (Ship, MarkOrderAsPaid…):
   * those are never retried here; callers check the shop's state before trying again.
   */
  idempotent: boolean;
  /** Default true. */
  auth?: boolean;
  /**
   * A health probe: goes past the circuit breaker and counts nothing towards it. An open circuit cannot tell
   * whether the shop answers at all or one kind of call keeps failing (a product the shop chokes on); a probe can.
   */
  probe?: boolean;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Upper bound for a server-sent `Retry-After`. Default 60 s. */
  maxRetryAfterMs?: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive transient failures that open the circuit. Default 5. */
  consecutiveFailures?: number;
  halfOpenAfterMs?: number;
}

/** Concurrent requests to one shop unless told otherwise: nop stock writes are read-modify-write; keep it small. */
export const DEFAULT_SHOP_CONCURRENCY = 4;
/** How long one HTTP attempt to the shop may take unless told otherwise. */
export const DEFAULT_SHOP_TIMEOUT_MS = 30_000;

export interface TransportOptions {
  baseUrl: string;
  credentials: { email: string; username?: string; password: string };
  /** Per HTTP attempt. Default DEFAULT_SHOP_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Concurrent requests to the shop. Default DEFAULT_SHOP_CONCURRENCY. */
  maxConcurrency?: number;
  maxQueue?: number;
  retry?: RetryOptions;
  circuitBreaker?: CircuitBreakerOptions;
  /**
   * Largest reply body read from the shop (bytes). Default 32 MiB: a misbehaving or hostile shop cannot make the
   * gateway or the scheduler buffer without bound. A larger reply fails with `ResponseTooLarge`.
   */
  maxResponseBytes?: number;
  /** Renew the token this long before its `exp`. Default 5 min. */
  tokenRenewBeforeMs?: number;
  logger?: NopLogger;
  /** Clock, for token expiry. */
  now?: () => number;
  /**
   * Called after every HTTP exchange with the shop (each retry too): the HTTP status, or the error code when
   * there was no answer (timeout, network). For metrics; must not throw.
   */
  onExchange?(exchange: ShopExchange): void;
}

/** One HTTP exchange with the shop, as `TransportOptions.onExchange` reports it. */
export interface ShopExchange {
  method: HttpMethod;
  path: string;
  /** The HTTP status; undefined when no answer came. */
  status?: number;
  /** Set when the exchange failed (an HTTP error status, or no answer). */
  code?: NopErrorCode;
  ms: number;
}

const transientPredicate = (e: Error): boolean => e instanceof NopClientError && e.transient;

/** Wraps a backoff so a server-sent Retry-After (ms) is waited at least, capped. */
function retryAfterAware(
  inner: IBackoffFactory<unknown>,
  capMs: number,
): IBackoffFactory<IRetryBackoffContext<unknown>> {
  return {
    next(ctx: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
      const b = inner.next(ctx);
      const err = 'error' in ctx.result ? ctx.result.error : undefined;
      const ra = err instanceof NopClientError ? err.retryAfterMs : undefined;
      const duration = ra !== undefined ? Math.min(Math.max(ra, b.duration), capMs) : b.duration;
      return { duration, next: retryAfterAware(b, capMs).next };
    },
  };
}

export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface ErrorBody {
  message?: string;
  inner?: string;
}

function readErrorBody(body: unknown): ErrorBody {
  if (typeof body === 'string') return { message: body };
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const message = str('message') ?? str('Message') ?? str('title') ?? str('Title') ?? str('detail');
    const inner =
      str('inner_exception_message') ?? str('detail') ?? (o['errors'] ? JSON.stringify(o['errors']) : undefined);
    return { message, inner: inner || undefined };
  }
  return {};
}

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** The reply body as text, refusing (and discarding the rest of) a body longer than `limit` bytes. */
async function readBounded(
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown },
  declaredLength: string | string[] | undefined,
  limit: number,
  tooLarge: () => Error,
): Promise<string> {
  const declared = Number(Array.isArray(declaredLength) ? declaredLength[0] : declaredLength);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function codeForStatus(status: number): NopErrorCode {
  if (status === 400) return NopErrorCode.BadRequest;
  if (status === 401) return NopErrorCode.Unauthorized;
  if (status === 403) return NopErrorCode.Forbidden;
  if (status === 404) return NopErrorCode.NotFound;
  if (status === 429 || status === 503) return NopErrorCode.RateLimited;
  if (status >= 500) return NopErrorCode.ServerError;
  return NopErrorCode.HttpError;
}

/**
 * HTTP to the shop: bearer token, JSON, and the resilience policies (cockatiel): per-attempt timeout,
 * bounded concurrency (bulkhead), a circuit breaker, and retries with decorrelated-jitter exponential
 * back-off for idempotent calls only.
 */
export class HttpTransport {
  readonly tokens: TokenManager;
  private readonly agent: Agent;
  private readonly base: string;
  private readonly retryPolicy: RetryPolicy;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  private readonly timeout: TimeoutPolicy;
  private readonly now: () => number;

  constructor(private readonly opts: TransportOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.now = opts.now ?? Date.now;
    const concurrency = opts.maxConcurrency ?? DEFAULT_SHOP_CONCURRENCY;
    this.agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
    const r = opts.retry ?? {};
    this.retryPolicy = retry(handleWhen(transientPredicate), {
      maxAttempts: r.maxRetries ?? 4,
      backoff: retryAfterAware(
        new ExponentialBackoff({
          initialDelay: r.initialDelayMs ?? 200,
          maxDelay: r.maxDelayMs ?? 10_000,
          generator: decorrelatedJitterGenerator,
        }),
        r.maxRetryAfterMs ?? 60_000,
      ),
    });
    const cb = opts.circuitBreaker ?? {};
    this.breaker = circuitBreaker(handleWhen(transientPredicate), {
      halfOpenAfter: cb.halfOpenAfterMs ?? 10_000,
      breaker: new ConsecutiveBreaker(cb.consecutiveFailures ?? 5),
    });
    this.bulkhead = bulkhead(concurrency, opts.maxQueue ?? 10_000);
    this.timeout = timeout(opts.timeoutMs ?? DEFAULT_SHOP_TIMEOUT_MS, TimeoutStrategy.Aggressive);
    this.retryPolicy.onRetry((e) => {
      const err = 'error' in e ? e.error : undefined;
      logAt(
        opts.logger,
        'warn',
        {
          attempt: e.attempt,
          delayMs: e.delay,
          code: err instanceof NopClientError ? err.code : undefined,
          status: err instanceof NopClientError ? err.status : undefined,
          path: err instanceof NopClientError ? err.path : undefined,
        },
        'nop request retry',
      );
    });
    this.breaker.onBreak(() => logAt(opts.logger, 'error', { baseUrl: this.base }, 'nop circuit opened'));
    this.breaker.onReset(() => logAt(opts.logger, 'info', { baseUrl: this.base }, 'nop circuit closed'));
    this.tokens = new TokenManager(() => this.login(), this.now, opts.tokenRenewBeforeMs ?? 5 * 60_000);
  }

  /** Sends a request through the policies and returns the parsed body (undefined for an empty body). */
  async send<T>(spec: RequestSpec): Promise<T> {
    const once = (): Promise<T> =>
      spec.probe ? this.sendWithAuth<T>(spec) : this.breaker.execute(() => this.sendWithAuth<T>(spec));
    try {
      return await (spec.idempotent ? this.retryPolicy.execute(once) : once());
    } catch (e) {
      throw this.mapPolicyError(e, spec);
    }
  }

  /**
   * Retries a non-idempotent operation safely: before every repeat, `run` is called with `isRetry=true` and
   * must first check whether the earlier attempt took effect (re-read state) and only then act again.
   * Same back-off and limits as idempotent calls.
   */
  async executeChecked<T>(run: (isRetry: boolean) => Promise<T>): Promise<T> {
    let calls = 0;
    return this.retryPolicy.execute(() => run(calls++ > 0));
  }

  /** Like `send`, but a 404 yields undefined. */
  async sendOptional<T>(spec: RequestSpec): Promise<T | undefined> {
    try {
      return await this.send<T>(spec);
    } catch (e) {
      if (e instanceof NopClientError && e.code === NopErrorCode.NotFound) return undefined;
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private mapPolicyError(e: unknown, spec: RequestSpec): unknown {
    if (e instanceof BrokenCircuitError) {
      // The failure that opened the circuit is the cause: it says what is wrong with the shop (503, timeouts…).
      const last = this.breaker.lastFailure;
      const opened = last && 'error' in last && last.error instanceof NopClientError ? last.error : undefined;
      return new NopClientError(NopErrorCode.CircuitOpen, {
        method: spec.method,
        path: spec.path,
        shopMessage: opened && `after ${opened.code}${opened.status ? ` (HTTP ${opened.status})` : ''}`,
        cause: opened ?? e,
      });
    }
    if (e instanceof BulkheadRejectedError) {
      return new NopClientError(NopErrorCode.BulkheadFull, { method: spec.method, path: spec.path, cause: e });
    }
    return e;
  }

  private async sendWithAuth<T>(spec: RequestSpec): Promise<T> {
    if (spec.auth === false) return this.attempt<T>(spec, undefined);
    const token = await this.tokens.get();
    try {
      return await this.attempt<T>(spec, token);
    } catch (e) {
      // A 401 means the action never ran (the filter rejects before it), so one renewal and resend is safe.
      if (e instanceof NopClientError && e.code === NopErrorCode.Unauthorized) {
        logAt(this.opts.logger, 'info', { path: spec.path }, 'nop token rejected; logging in again');
        this.tokens.invalidate(token);
        return this.attempt<T>(spec, await this.tokens.get());
      }
      throw e;
    }
  }

  private async login(): Promise<string> {
    const { email, username, password } = this.opts.credentials;
    const spec: RequestSpec = {
      method: 'POST',
      path: '/api-backend/Authenticate/GetToken',
      json: { username: username ?? email, email, password },
      idempotent: true,
      auth: false,
    };
    try {
      const res = await this.retryPolicy.execute(() =>
        this.breaker.execute(() => this.attempt<unknown>(spec, undefined)),
      );
      const token = res && typeof res === 'object' ? (res as { token?: unknown }).token : undefined;
      if (typeof token !== 'string' || !token) {
        throw new NopClientError(NopErrorCode.InvalidResponse, {
          method: 'POST',
          path: spec.path,
          shopMessage: 'no token in GetToken reply',
        });
      }
      logAt(this.opts.logger, 'debug', { path: spec.path }, 'nop token obtained');
      return token;
    } catch (e) {
      if (e instanceof NopClientError && e.code === NopErrorCode.Unauthorized) {
        throw new NopClientError(NopErrorCode.InvalidCredentials, {
          status: e.status,
          shopMessage: e.shopMessage,
          method: 'POST',
          path: spec.path,
        });
      }
      throw this.mapPolicyError(e, spec);
    }
  }

  /** One HTTP exchange inside the bulkhead and the timeout. */
  private attempt<T>(spec: RequestSpec, token: string | undefined): Promise<T> {
    return this.bulkhead
      .execute(() =>
        this.timeout.execute(async ({ signal }) => {
          const started = this.now();
          try {
            return await this.exchange<T>(spec, token, signal);
          } catch (e) {
            const error =
              e instanceof NopClientError
                ? e
                : signal.aborted
                  ? new NopClientError(NopErrorCode.Timeout, { method: spec.method, path: spec.path, cause: e })
                  : new NopClientError(NopErrorCode.Network, {
                      method: spec.method,
                      path: spec.path,
                      shopMessage: e instanceof Error ? e.message : String(e),
                      cause: e,
                    });
            this.report(spec, started, error);
            throw error;
          }
        }),
      )
      .catch((e: unknown) => {
        if (e instanceof TaskCancelledError) {
          throw new NopClientError(NopErrorCode.Timeout, { method: spec.method, path: spec.path, cause: e });
        }
        throw e;
      });
  }

  private report(spec: RequestSpec, started: number, error: NopClientError | undefined, status = error?.status): void {
    if (!this.opts.onExchange) return;
    try {
      this.opts.onExchange({
        method: spec.method,
        path: spec.path,
        status,
        ...(error ? { code: error.code } : {}),
        ms: this.now() - started,
      });
    } catch {
      // metrics must never break a shop call
    }
  }

  private async exchange<T>(spec: RequestSpec, token: string | undefined, signal: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers['authorization'] = `Bearer ${token}`;
    let body: string | FormData | undefined;
    if (spec.form) {
      body = spec.form;
    } else if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    }
    const started = this.now();
    const res = await request(`${this.base}${spec.path}${buildQuery(spec.query)}`, {
      method: spec.method,
      headers,
      body,
      signal,
      dispatcher: this.agent,
    });
    const limit = this.opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const text = await readBounded(
      res.body,
      res.headers['content-length'],
      limit,
      () =>
        new NopClientError(NopErrorCode.ResponseTooLarge, {
          status: res.statusCode,
          method: spec.method,
          path: spec.path,
          shopMessage: `more than ${limit} bytes`,
        }),
    );
    logAt(
      this.opts.logger,
      'debug',
      { method: spec.method, path: spec.path, status: res.statusCode, ms: this.now() - started },
      'nop request',
    );
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (res.statusCode >= 200 && res.statusCode < 300) {
      this.report(spec, started, undefined, res.statusCode);
      return parsed as T;
    }
    const { message, inner } = readErrorBody(parsed);
    throw new NopClientError(codeForStatus(res.statusCode), {
      status: res.statusCode,
      shopMessage: message,
      innerMessage: inner,
      method: spec.method,
      path: spec.path,
      retryAfterMs: parseRetryAfter(res.headers['retry-after'], Date.now()),
    });
  }
}
