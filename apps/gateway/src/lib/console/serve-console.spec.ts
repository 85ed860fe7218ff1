import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';
import pino from 'pino';
import { defaultConsoleSource, folderSource, mountConsole, type ConsoleSource } from './serve-console';

jest.setTimeout(120_000);

async function serve(source: ConsoleSource | null): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  mountConsole(app, source, pino({ level: 'silent' }));
  const server: Server = await new Promise((done) => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('web console serving', () => {
  it('finds the console sources from the gateway source tree, and a built folder beside a bundle', () => {
    const fromSource = defaultConsoleSource(__dirname, false);
    expect(fromSource?.describe).toContain(join('apps', 'console', 'build-console.cjs'));
    const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'console'));
    for (const f of ['index.html', 'app.js', 'app.css']) writeFileSync(join(dist, 'console', f), f);
    // A bundle at <dist>/gateway/main.js looks in <dist>/console.
    const bundled = defaultConsoleSource(join(dist, 'gateway'), true);
    expect(bundled?.describe).toBe(join(dist, 'console'));
    // CONSOLE_DIR wins over both.
    expect(defaultConsoleSource(__dirname, false, dist)?.describe).toBe(dist);
    expect(defaultConsoleSource(join(dist, 'gateway'), true, join(dist, 'elsewhere'))?.describe).toBe(
      join(dist, 'elsewhere'),
    );
  });

  it('builds the console from its sources on first request and serves it with a same-origin-only policy', async () => {
    const server = await serve(defaultConsoleSource(__dirname, false));
    try {
      const root = await fetch(`${server.url}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/console/');
      const bare = await fetch(`${server.url}/console`, { redirect: 'manual' });
      expect(bare.headers.get('location')).toBe('/console/');

      const page = await fetch(`${server.url}/console/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const html = await page.text();
      expect(html).toContain('lang="nb"');
      expect(html).toContain('/console/app.js');

      const js = await fetch(`${server.url}/console/app.js`);
      expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
      const code = await js.text();
      expect(code).toContain('Logg inn');
      const css = await (await fetch(`${server.url}/console/app.css`)).text();
      // Nothing loaded from elsewhere: no absolute URLs in the page or the styles, no script fetching one (the
      // script's only absolute URLs are XML namespace names and placeholder text; the browser test watches requests).
      expect(html).not.toMatch(/https?:\/\//);
      expect(css).not.toMatch(/https?:\/\/|@import|url\(/);
      expect(code).not.toMatch(/(fetch|import)\(\s*["'`]https?:/);

      const etag = js.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await fetch(`${server.url}/console/app.js`, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);

      expect((await fetch(`${server.url}/console/../package.json`)).status).toBe(404);
      expect((await fetch(`${server.url}/console/secrets.key`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('serves a built folder as it is', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    writeFileSync(join(dist, 'index.html'), '<p>bygget</p>');
    writeFileSync(join(dist, 'app.js'), 'void 0');
    writeFileSync(join(dist, 'app.css'), 'p{}');
    const server = await serve(folderSource(dist));
    try {
      expect(await (await fetch(`${server.url}/console/`)).text()).toBe('<p>bygget</p>');
    } finally {
      await server.close();
    }
  });

  it('answers 503 in Norwegian when there is no console to serve', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-missing-'));
    const server = await serve(folderSource(resolve(dist, 'nothing-here')));
    try {
      const res = await fetch(`${server.url}/console/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('Konsollet er ikke tilgjengelig');
    } finally {
      await server.close();
    }
    const none = await serve(null);
    try {
      expect((await fetch(`${none.url}/console/app.js`)).status).toBe(503);
    } finally {
      await none.close();
    }
  });
});
