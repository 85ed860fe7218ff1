import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import { writeAppPackage } from './app-package';
import { DeployErrorCode } from './deploy.exception';

const workspaceRoot = resolve(__dirname, '../../../..');

describe('writeAppPackage', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcknop-app-package-'));
    mkdirSync(join(dir, 'app'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(
      join(dir, 'app/package.json'),
      JSON.stringify({ name: '@pcknop/example', version: '1.2.3', private: true }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeMeta = (...paths: string[]) => {
    const meta: Metafile = {
      inputs: {},
      outputs: {
        'main.js': {
          bytes: 1,
          inputs: {},
          exports: [],
          imports: paths.map((path) => ({ path, kind: 'require-call' as const, external: true })),
        },
      },
    };
    writeFileSync(join(dir, 'out/meta.json'), JSON.stringify(meta));
  };

  it('writes an installable package.json (start and migrate, no install scripts) and a matching lockfile', () => {
    writeMeta('pg', 'node:fs', 'pino', 'pg');
    writeAppPackage({ appRoot: join(dir, 'app'), outDir: join(dir, 'out'), workspaceRoot });
    const rootLock = JSON.parse(readFileSync(join(workspaceRoot, 'package-lock.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(dir, 'out/package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@pcknop/example',
      version: '1.2.3',
      main: 'main.js',
      scripts: { start: 'node main.js', migrate: 'node main.js migrate' },
    });
    expect(Object.keys(manifest.scripts)).toEqual(['start', 'migrate']);
    expect(manifest.dependencies).toEqual({
      pg: rootLock.packages['node_modules/pg'].version,
      pino: rootLock.packages['node_modules/pino'].version,
    });
    const lock = JSON.parse(readFileSync(join(dir, 'out/package-lock.json'), 'utf8'));
    expect(lock.packages['']).toEqual({
      name: '@pcknop/example',
      version: '1.2.3',
      dependencies: manifest.dependencies,
    });
    expect(lock.packages['node_modules/pg-protocol']).toBeDefined(); // pg's own dependency came along
    expect(existsSync(join(dir, 'out/meta.json'))).toBe(false);
  });

  it('fails the build when the bundle needs a devDependency', () => {
    writeMeta('pg', 'typescript');
    expect(() => writeAppPackage({ appRoot: join(dir, 'app'), outDir: join(dir, 'out'), workspaceRoot })).toThrow(
      expect.objectContaining({ code: DeployErrorCode.NotADependency }),
    );
  });
});
