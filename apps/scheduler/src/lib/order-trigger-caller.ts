import { Agent, errors, request, type Dispatcher } from 'undici';
import { OrderTriggerError, OrderTriggerErrorCode } from './order-trigger.exception';

/** Calls a trigger URL; resolves with the HTTP status of a success, throws OrderTriggerError otherwise. */
export interface OrderTriggerCaller {
  call(url: URL): Promise<number>;
  close(): Promise<void>;
}

/** undici with connect, header and body time-outs; any 2xx is success (PCK's is 200 or 201). */
export class HttpOrderTriggerCaller implements OrderTriggerCaller {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly timeoutMs: number) {
    this.dispatcher = new Agent({
      connect: { timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 4000,
    });
  }

  async call(url: URL): Promise<number> {
    let status: number;
    try {
      const res = await request(url, {
        method: 'GET',
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/json' },
      });
      status = res.statusCode;
      // The body (OkCount/FailedCount, undocumented) is read only to free the connection.
      await res.body.dump({ limit: 64 * 1024 });
    } catch (error) {
      const timedOut =
        error instanceof errors.HeadersTimeoutError ||
        error instanceof errors.BodyTimeoutError ||
        error instanceof errors.ConnectTimeoutError ||
        // AbortSignal.timeout's DOMException (not always an Error instance across realms).
        ['TimeoutError', 'AbortError'].includes((error as { name?: string } | null)?.name ?? '');
      const detail = (error as { message?: string } | null)?.message ?? String(error);
      throw new OrderTriggerError(
        timedOut ? OrderTriggerErrorCode.Timeout : OrderTriggerErrorCode.Network,
        detail,
        null,
        { cause: error },
      );
    }
    if (status < 200 || status > 299)
      throw new OrderTriggerError(OrderTriggerErrorCode.HttpStatus, `HTTP ${status}.`, status);
    return status;
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
