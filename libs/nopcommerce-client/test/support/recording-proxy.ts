// A pass-through HTTP proxy for the sim-backed tests: records every request the client sends (with its body) and
// what came back, and lets a test react to a reply before the client sees it (e.g. lift a fault after one hit).
import { IncomingMessage, Server, createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedExchange {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: Buffer;
  /** HTTP status, or 'reset' when the upstream dropped the connection without a reply. */
  status: number | 'reset';
}

export interface RecordingProxy {
  url: string;
  exchanges: RecordedExchange[];
  /** Called for every finished exchange before the reply (or the reset) is passed to the client. */
  onExchange?: (x: RecordedExchange) => void;
  close(): Promise<void>;
}

function readAll(msg: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    msg.on('data', (c: Buffer) => chunks.push(c));
    msg.on('end', () => resolve(Buffer.concat(chunks)));
    msg.on('error', reject);
  });
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const proxy: RecordingProxy = { url: '', exchanges: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const u = new URL(req.url ?? '/', 'http://proxy');
      const x: RecordedExchange = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        contentType: String(req.headers['content-type'] ?? ''),
        body,
        status: 'reset',
      };
      const headers = { ...req.headers, host: upstream.host };
      const up = request(
        { host: upstream.hostname, port: upstream.port, method: x.method, path: req.url, headers, agent: false },
        (upRes) => {
          void readAll(upRes).then(
            (data) => {
              x.status = upRes.statusCode ?? 0;
              proxy.exchanges.push(x);
              proxy.onExchange?.(x);
              res.writeHead(x.status, upRes.headers);
              res.end(data);
            },
            () => {
              proxy.exchanges.push(x);
              proxy.onExchange?.(x);
              req.socket.destroy();
            },
          );
        },
      );
      up.on('error', () => {
        // The shop dropped the connection: so does the proxy.
        proxy.exchanges.push(x);
        proxy.onExchange?.(x);
        req.socket.destroy();
      });
      up.end(body);
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return proxy;
}
