// A tiny HTTP server for transport-level tests: each test scripts the replies and inspects the requests.
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (req: Seen, res: ServerResponse) => void | Promise<void>;

export interface LocalServer {
  url: string;
  seen: Seen[];
  /** Route key `METHOD /path` (path without query); falls back to `*`. */
  on(route: string, handler: Handler): void;
  count(route: string): number;
  close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export function makeToken(expiresInSeconds: number, secret = 'test-secret'): string {
  return jwt.sign({ CustomerId: 1 }, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds });
}

export async function startLocalServer(): Promise<LocalServer> {
  const routes = new Map<string, Handler>();
  const seen: Seen[] = [];
  routes.set('POST /api-backend/Authenticate/GetToken', (_req, res) =>
    json(res, 200, { username: 'a@b.no', customer_id: 1, token: makeToken(3600) }),
  );
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const s: Seen = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      seen.push(s);
      const h = routes.get(`${s.method} ${s.path}`) ?? routes.get('*');
      if (!h) return json(res, 404, `no route ${s.method} ${s.path}`);
      Promise.resolve(h(s, res)).catch((e: unknown) => json(res, 500, { message: String(e) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    on: (route, handler) => void routes.set(route, handler),
    count: (route) => seen.filter((s) => `${s.method} ${s.path}` === route).length,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
