import { Contract, Version } from './contract';
import { startNopSim } from '../../src';
import type { NopSim, NopSimOptions } from '../../src';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/**
 * A tiny fetch client for the tests. Every response is checked against the contract (see contract.ts),
 * so each conformance test also proves the wire shape.
 */
export class Api {
  token: string | undefined;
  readonly contract: Contract;

  constructor(readonly sim: NopSim) {
    this.contract = new Contract(sim.version as Version);
  }

  async login(email = 'admin@nop-sim.local', password = 'admin'): Promise<string> {
    const res = await this.call<{ token: string }>('POST', '/Authenticate/GetToken', {
      username: email,
      email,
      password,
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    this.token = res.body.token;
    return this.token;
  }

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    init: { headers?: Record<string, string>; rawBody?: RequestInit['body']; check?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const url = path.startsWith('/swagger-backend') ? `${this.sim.url}${path}` : `${this.sim.url}/api-backend${path}`;
    const headers: Record<string, string> = { ...init.headers };
    if (this.token && !('Authorization' in headers)) headers.Authorization = `Bearer ${this.token}`;
    let payload: RequestInit['body'] | undefined = init.rawBody;
    if (body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(url, { method, headers, body: payload });
    const text = await res.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (init.check !== false && !path.startsWith('/swagger-backend')) {
      const problems = this.contract.check(method, `/api-backend${path}`, res.status, parsed, text !== '');
      if (problems.length > 0)
        throw new Error(`contract violation:\n${problems.join('\n')}\nbody: ${text.slice(0, 500)}`);
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.call<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.call<T>('POST', path, body);
  }
  put<T = unknown>(path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.call<T>('PUT', path, body);
  }
  del<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.call<T>('DELETE', path);
  }
}

export async function startWithApi(options: NopSimOptions = {}): Promise<{ sim: NopSim; api: Api }> {
  const sim = await startNopSim({ port: 0, seed: 42, ...options });
  const api = new Api(sim);
  await api.login(options.adminEmail, options.adminPassword);
  return { sim, api };
}

/**
 * For the enclosing describe: a simulator and a logged-in client, handed to `use` once started and closed after
 * all its tests. Before each test the shop is emptied and the client logs in again.
 */
export function withEmptyShopEachTest(
  use: (started: { sim: NopSim; api: Api }) => void,
  options: NopSimOptions = {},
): void {
  let started: { sim: NopSim; api: Api } | undefined;
  beforeAll(async () => {
    started = await startWithApi(options);
    use(started);
  });
  afterAll(() => started?.sim.close());
  beforeEach(async () => {
    started?.sim.state.reset();
    await started?.api.login();
  });
}

export type Dto = Record<string, unknown> & { id: number };
