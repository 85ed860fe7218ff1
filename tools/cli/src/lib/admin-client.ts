import { CliError, CliErrorCode } from './cli.exception';

interface Problem {
  title?: string;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
}

/** A thin client of the gateway's admin API; HTTP failures become CliErrors with their exit codes. */
export class AdminClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 60_000,
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    accept = 'application/json',
  ): Promise<{ status: number; text: string; type: string }> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(CliErrorCode.Unreachable, `${this.baseUrl} (${why})`, { cause: error });
    }
    const text = await res.text();
    if (res.ok) return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
    let problem: Problem;
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      problem = { detail: text.slice(0, 300) };
    }
    const lines = [
      problem.detail ?? problem.title ?? `HTTP ${res.status}`,
      ...(problem.errors ?? []).map((e) => `  ${e.pointer}: ${e.detail}`),
    ];
    const message = [...new Set(lines)].join('\n');
    if (res.status === 401 || res.status === 403) throw new CliError(CliErrorCode.Auth, message);
    if (res.status === 404) throw new CliError(CliErrorCode.NotFound, message);
    if (res.status >= 500 && res.status !== 502)
      throw new CliError(CliErrorCode.Unreachable, `HTTP ${res.status}: ${message}`);
    throw new CliError(CliErrorCode.Refused, `HTTP ${res.status}: ${message}`);
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.request(method, path, body);
    return (r.text ? JSON.parse(r.text) : undefined) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.json<T>('GET', path);
  }
}
