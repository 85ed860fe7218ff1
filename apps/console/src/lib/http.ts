import { ApiError, ApiErrorCode, codeForStatus } from './api-error';

export type Query = Record<string, string | number | boolean | undefined>;

interface ProblemBody {
  detail?: unknown;
  title?: unknown;
  error?: unknown;
  errors?: unknown;
  issues?: unknown;
}

function issueTexts(body: ProblemBody): string[] | undefined {
  const list = Array.isArray(body.errors) ? body.errors : Array.isArray(body.issues) ? body.issues : undefined;
  if (!list) return undefined;
  return list.map((item: unknown) => {
    if (typeof item === 'string') return item;
    if (item && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      const where = o['pointer'] ?? o['instancePath'] ?? o['path'] ?? '';
      const what = o['detail'] ?? o['message'] ?? JSON.stringify(o);
      return where ? `${String(where)}: ${String(what)}` : String(what);
    }
    return String(item);
  });
}

/** A bearer-token client of the gateway's admin API (same origin). */
export class AdminHttp {
  constructor(
    private readonly token: string,
    private readonly base = '/admin',
  ) {}

  url(path: string, query?: Query): string {
    const q = query
      ? Object.entries(query)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join('&')
      : '';
    return `${this.base}${path}${q ? `?${q}` : ''}`;
  }

  async request(
    method: string,
    path: string,
    options: { body?: unknown; query?: Query; contentType?: string; accept?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: options.accept ?? 'application/json',
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      body = JSON.stringify(options.body);
    }
    let res: Response;
    try {
      res = await fetch(this.url(path, options.query), { method, headers, body });
    } catch (error) {
      throw new ApiError(ApiErrorCode.Network, 0, (error as Error).message);
    }
    if (!res.ok) {
      let parsed: ProblemBody = {};
      try {
        parsed = (await res.json()) as ProblemBody;
      } catch {
        // Not JSON: the status says enough.
      }
      const detail = [parsed.detail, parsed.error, parsed.title].find((v): v is string => typeof v === 'string');
      throw new ApiError(codeForStatus(res.status), res.status, detail, issueTexts(parsed));
    }
    return res;
  }

  async json<T>(
    method: string,
    path: string,
    options: { body?: unknown; query?: Query; contentType?: string } = {},
  ): Promise<T> {
    const res = await this.request(method, path, options);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async text(path: string, accept: string): Promise<string> {
    return (await this.request('GET', path, { accept })).text();
  }
}
