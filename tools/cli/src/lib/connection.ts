import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AdminClient } from './admin-client';
import { CliError, CliErrorCode } from './cli.exception';

export interface ConnectionOptions {
  url?: string;
  token?: string;
  timeout?: string;
}

/** Where the repository root is (the development credentials of `npm start` live under it). */
const ROOT = resolve(__dirname, '../../../..');

/**
 * The admin API to talk to: --url/--token, else ADMIN_URL/ADMIN_TOKEN, else what `npm start` wrote for a
 * development run (DEV_CREDENTIALS_FILE, default .data/dev-credentials.json). A remote deployment needs only the
 * first two.
 */
export function connect(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): AdminClient {
  let url = options.url ?? env.ADMIN_URL;
  let token = options.token ?? env.ADMIN_TOKEN;
  if (!url || !token) {
    const file = resolve(ROOT, env.DEV_CREDENTIALS_FILE ?? '.data/dev-credentials.json');
    if (existsSync(file)) {
      const dev = JSON.parse(readFileSync(file, 'utf8')) as { adminUrl?: string; adminToken?: string };
      url ??= dev.adminUrl;
      token ??= dev.adminToken;
    }
  }
  if (!url)
    throw new CliError(
      CliErrorCode.Usage,
      'no admin API address: pass --url or set ADMIN_URL (e.g. https://gw.example.no/admin)',
    );
  if (!token) throw new CliError(CliErrorCode.Usage, 'no token: pass --token or set ADMIN_TOKEN');
  const base = url.replace(/\/+$/, '');
  const timeout = options.timeout ? Number(options.timeout) : undefined;
  if (timeout !== undefined && !(timeout > 0))
    throw new CliError(CliErrorCode.Usage, '--timeout must be a positive number of seconds');
  return new AdminClient(base.endsWith('/admin') ? base : `${base}/admin`, token, timeout ? timeout * 1000 : undefined);
}
