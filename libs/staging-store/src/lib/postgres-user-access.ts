import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';

/** The system user the embedded server runs as when the app runs as root (PostgreSQL refuses to run as root). */
export const POSTGRES_USER = 'postgres';

/** True when `user` exists on this machine. */
export function systemUserExists(user = POSTGRES_USER): boolean {
  return spawnSync('id', ['-u', user], { stdio: 'ignore' }).status === 0;
}

function canEnter(dir: string, user: string): boolean {
  // Asked of the kernel as that user: mode bits, groups and ACLs all count, so nothing is re-implemented here.
  return spawnSync('runuser', ['-u', user, '--', 'test', '-x', dir], { stdio: 'ignore' }).status === 0;
}

/**
 * The first existing folder on the way to `path` (from `/` down) that `user` cannot enter, or undefined when every
 * existing one is reachable. Runs only when the app is root, at start-up.
 */
export function firstUnreachableFolder(path: string, user = POSTGRES_USER): string | undefined {
  const chain: string[] = [];
  let dir = resolve(path);
  const root = parse(dir).root;
  for (;;) {
    if (existsSync(dir)) chain.unshift(dir);
    if (dir === root) break;
    dir = dirname(dir);
  }
  return chain.find((d) => !canEnter(d, user));
}

/** What the operator reads when the postgres user cannot reach `what` (the data folder or the server's programs). */
export function unreachableFolderMessage(what: string, path: string, folder: string, user = POSTGRES_USER): string {
  return (
    `The embedded PostgreSQL runs as the system user "${user}" (PostgreSQL refuses to run as root), and that user ` +
    `cannot enter ${folder}, on the way to ${what} ${path}. Do one of: set DATABASE_URL to an existing PostgreSQL server; ` +
    `run as a non-root user; put the checkout and DATA_DIR under a folder "${user}" can enter (e.g. /opt or /srv); ` +
    `or allow it in: chmod o+x ${folder}`
  );
}
