import { Agent, request, type Dispatcher } from 'undici';
import {
  parseResponse,
  serializeRequest,
  type InsertUpdateResponse,
  type OperationName,
  type RequestOf,
  type ResponseOf,
} from '@pcknop/pck-contract';
import { PckSimError, PckSimErrorCode } from './pck-sim.exception';
import { withCredentials, type PckCall } from './scenario';

export interface PckClientOptions {
  /** The WebshopWS endpoint, e.g. http://127.0.0.1:8080/WebshopWS. */
  url: string;
  login: number;
  password: string;
  /** Per-call timeout (default 60 s). */
  timeoutMs?: number;
}

/** What came back for one call. */
export type CallOutcome =
  | {
      kind: 'answer';
      httpStatus: number;
      /** operationResult of the answer (insertUpdate.operationResult, or status.operationResult); 0 when the type has none. */
      operationResult: number;
      result: ResponseOf<OperationName>;
      /** The error part, when the type has one. */
      insertUpdate?: Pick<InsertUpdateResponse, 'operationResult' | 'humanErrorMessage' | 'errorMessage'>;
    }
  | { kind: 'fault'; httpStatus: number; message: string }
  | { kind: 'httpError'; httpStatus: number; message: string }
  /** Connection refused/reset, timeout, or an answer that is not a WebshopWS response. */
  | { kind: 'transport'; message: string };

/** The error/result part of any operation's answer. */
export function resultStatus(
  result: unknown,
): Pick<InsertUpdateResponse, 'operationResult' | 'humanErrorMessage' | 'errorMessage'> | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as Record<string, unknown>;
  const inner =
    typeof r['insertUpdate'] === 'object' && r['insertUpdate'] !== null
      ? (r['insertUpdate'] as Record<string, unknown>)
      : r;
  if (typeof inner['operationResult'] !== 'number') return undefined;
  return {
    operationResult: inner['operationResult'],
    humanErrorMessage:
      typeof inner['humanErrorMessage'] === 'string'
        ? inner['humanErrorMessage']
        : typeof inner['message'] === 'string'
          ? inner['message']
          : undefined,
    errorMessage: typeof inner['errorMessage'] === 'string' ? inner['errorMessage'] : undefined,
  };
}

const FAULT = /<(?:[\w.-]+:)?Fault[\s>]/;

function faultMessage(body: string): string {
  const m = /<(?:[\w.-]+:)?(?:faultstring|Text)[^>]*>([\s\S]*?)<\//.exec(body);
  return (m?.[1] ?? 'SOAP fault').trim().slice(0, 500);
}

/**
 * PCK's HTTP side: a SOAP 1.1 POST per call (`text/xml; charset=utf-8`, `SOAPAction: ""`), one
 * connection, one call at a time (the queue makes sure of that).
 */
export class PckClient {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(readonly options: PckClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.agent = new Agent({ connections: 1, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
  }

  send(c: PckCall): Promise<CallOutcome> {
    return this.sendRequest(c.operation, withCredentials(c, this.options.login, this.options.password));
  }

  async sendRequest<O extends OperationName>(operation: O, payload: RequestOf<O>): Promise<CallOutcome> {
    const body = serializeRequest(operation, payload);
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await request(this.options.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.body.text();
    } catch (e) {
      return { kind: 'transport', message: e instanceof Error ? e.message : String(e) };
    }
    const httpStatus = response.statusCode;
    if (FAULT.test(text)) return { kind: 'fault', httpStatus, message: faultMessage(text) };
    if (httpStatus < 200 || httpStatus >= 300) return { kind: 'httpError', httpStatus, message: text.slice(0, 200) };
    try {
      const { result } = parseResponse(operation, text);
      const status = resultStatus(result);
      return {
        kind: 'answer',
        httpStatus,
        operationResult: status?.operationResult ?? 0,
        result,
        insertUpdate: status,
      };
    } catch (e) {
      const err = new PckSimError(PckSimErrorCode.BadResponse, e instanceof Error ? e.message : String(e));
      return { kind: 'transport', message: err.message };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
