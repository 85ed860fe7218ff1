import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';

const run = promisify(execFile);

/** The console's three files, as served. */
export type ConsoleFiles = Record<string, Buffer>;

const FILES = ['index.html', 'app.js', 'app.css'] as const;
const TYPES: Record<(typeof FILES)[number], string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

// Everything from this origin: the console must work with no network beyond the gateway.
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export interface ConsoleSource {
  /** Describes where the files come from (logged once). */
  readonly describe: string;
  load(): Promise<ConsoleFiles>;
}

/** Prebuilt files in a folder (production: `dist/apps/console`, beside the gateway bundle). */
export function folderSource(dir: string): ConsoleSource {
  return {
    describe: dir,
    async load() {
      const files: ConsoleFiles = {};
      for (const name of FILES) files[name] = readFileSync(join(dir, name));
      return files;
    },
  };
}

/** Development: build from apps/console's sources with its own build script (esbuild, well under a second). */
export function sourceSource(buildScript: string): ConsoleSource {
  return {
    describe: `${buildScript} (built in memory)`,
    async load() {
      const { stdout } = await run(process.execPath, [buildScript, '--json'], {
        maxBuffer: 64 * 1024 * 1024,
        timeout: 60_000,
      });
      const encoded = JSON.parse(stdout) as Record<string, string>;
      const files: ConsoleFiles = {};
      for (const name of FILES) {
        if (typeof encoded[name] !== 'string') throw new Error(`console build gave no ${name}`);
        files[name] = Buffer.from(encoded[name], 'base64');
      }
      return files;
    },
  };
}

/**
 * Where the console comes from: `CONSOLE_DIR` when set (a deployment that puts the built files elsewhere), the
 * built folder beside a bundled gateway (dist/apps/gateway → dist/apps/console), else the sources found above this
 * file (tsx, jest, or a bundle run inside the repository).
 */
export function defaultConsoleSource(
  here: string = __dirname,
  bundled = !__filename.endsWith('.ts'),
  consoleDir?: string,
): ConsoleSource | null {
  if (consoleDir) return folderSource(resolve(consoleDir));
  if (bundled) {
    const built = resolve(here, '../console');
    if (FILES.every((f) => existsSync(join(built, f)))) return folderSource(built);
  }
  for (let dir = here; ; dir = dirname(dir)) {
    const script = join(dir, 'apps/console/build-console.cjs');
    if (existsSync(script)) return sourceSource(script);
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Serves the web console at /console/ (GET / and /console redirect there). The files are loaded once, on the first
 * request, so a gateway that nobody opens the console on never pays for a build.
 */
export function mountConsole(app: Express, source: ConsoleSource | null, logger: Logger): void {
  let loading: Promise<{ files: ConsoleFiles; etags: Record<string, string> }> | undefined;
  const load = () => {
    if (!source) return Promise.reject(new Error('console not built and its sources are not here'));
    loading ??= source.load().then(
      (files) => {
        logger.info({ from: source.describe }, 'web console loaded');
        const etags: Record<string, string> = {};
        for (const [name, body] of Object.entries(files))
          etags[name] = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
        return { files, etags };
      },
      (error: unknown) => {
        loading = undefined; // a fixed source may load on the next request
        throw error;
      },
    );
    return loading;
  };

  app.get('/', (_req, res) => res.redirect(302, '/console/'));
  // Express matches /console and /console/ alike: only the bare one is sent on (relative URLs need the slash).
  app.get('/console', (req, res, next) => (req.path.endsWith('/') ? next() : res.redirect(301, '/console/')));
  app.get(['/console/', '/console/:file'], async (req: Request, res: Response) => {
    const name = (req.params['file'] as string | undefined) ?? 'index.html';
    if (!(FILES as readonly string[]).includes(name)) {
      res.status(404).type('text/plain; charset=utf-8').send('Finnes ikke.');
      return;
    }
    let loaded;
    try {
      loaded = await load();
    } catch (error) {
      logger.error({ err: error }, 'web console unavailable');
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Konsollet er ikke tilgjengelig: det er ikke bygget (npm run build).');
      return;
    }
    const file = name as (typeof FILES)[number];
    res.set({
      'Content-Type': TYPES[file],
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // Small files, revalidated each time so a new gateway version is picked up at once.
      'Cache-Control': 'no-cache',
      ETag: loaded.etags[file],
    });
    if (req.get('if-none-match') === loaded.etags[file]) {
      res.status(304).end();
      return;
    }
    res.send(loaded.files[file]);
  });
}
