import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  parseRequest,
  serializeFault,
  serializeResponse,
  type OperationName,
  type ResponseOf,
} from '@pcknop/pck-contract';

export type FakeAnswer = { result: unknown } | { fault: string } | { http: number; body?: string };

export interface Received {
  operation: OperationName;
  /** The parsed request (credentials included). */
  payload: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/** A tiny WebshopWS server for tests: parses each request with pck-contract and answers what `answer` says. */
export async function startFakeGateway(
  answer: (req: Received, index: number) => FakeAnswer | Promise<FakeAnswer>,
): Promise<{
  url: string;
  received: Received[];
  maxInFlight: () => number;
  close: () => Promise<void>;
}> {
  const received: Received[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      void (async () => {
        try {
          const parsed = parseRequest(Buffer.concat(chunks));
          if (!parsed.ok) {
            res.writeHead(parsed.reply.httpStatus, { 'content-type': parsed.reply.contentType }).end(parsed.reply.body);
            inFlight--;
            return;
          }
          const r: Received = {
            operation: parsed.operation,
            payload: parsed.payload as unknown as Record<string, unknown>,
            headers: req.headers,
          };
          received.push(r);
          // A short pause so overlapping calls would be seen.
          await new Promise((resolve) => setTimeout(resolve, 1));
          const a = await answer(r, received.length - 1);
          inFlight--;
          if ('fault' in a) {
            res
              .writeHead(500, { 'content-type': 'text/xml; charset=utf-8' })
              .end(serializeFault({ code: 'Server', message: a.fault }));
          } else if ('http' in a) {
            res.writeHead(a.http, { 'content-type': 'text/plain' }).end(a.body ?? 'Service Unavailable');
          } else {
            const body = serializeResponse(parsed.operation, a.result as ResponseOf<typeof parsed.operation>, {
              soapVersion: parsed.soapVersion,
              namespace: parsed.namespace,
            });
            res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(body);
          }
        } catch (e) {
          // A broken test answer must fail the test, not hang it.
          inFlight = 0;
          res
            .writeHead(599, { 'content-type': 'text/plain' })
            .end(`fake gateway: ${e instanceof Error ? e.message : String(e)}`);
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/WebshopWS`,
    received,
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const okResult = (deltaId = 1): { result: { deltaId: number; operationResult: number } } => ({
  result: { deltaId, operationResult: 0 },
});

export const codeResult = (operationResult: number, humanErrorMessage?: string): FakeAnswer => ({
  result: { deltaId: 0, operationResult, humanErrorMessage },
});
