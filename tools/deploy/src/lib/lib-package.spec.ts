import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeployErrorCode } from './deploy.exception';
import { packagesLoadedBy, writeLibPackage } from './lib-package';

const workspaceRoot = resolve(__dirname, '../../../..');

describe('library packages', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcknop-lib-package-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: '@pcknop/x', version: '0.1.0', private: true, main: './src/index.js' }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the packages compiled CommonJS loads, not built-ins or relative files', () => {
    writeFileSync(
      join(dir, 'a.js'),
      'const d = require("decimal.js");\nconst f = require("node:fs");\nconst l = require("./lib/x");\nimport("saxes");\nrequire("fast-xml-parser/lib/x");\n// read from "the shop"\nconst s = \'rows from "nop Web API"\';',
    );
    writeFileSync(
      join(dir, 'a.d.ts'),
      "import { Decimal } from 'decimal.js';\nexport { Agent } from \"undici\";\n/** Values come from 'PCK till' */\nexport declare const x: import('cockatiel').IPolicy;",
    );
    expect(packagesLoadedBy([join(dir, 'a.js')])).toEqual(['decimal.js', 'fast-xml-parser', 'saxes']);
    expect(packagesLoadedBy([join(dir, 'a.d.ts')])).toEqual(['cockatiel', 'decimal.js', 'undici']);
  });

  it('writes caret dependencies from the tested versions and drops private', () => {
    writeFileSync(join(dir, 'index.js'), 'require("decimal.js");');
    writeLibPackage({ outDir: dir, workspaceRoot });
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const rootLock = JSON.parse(readFileSync(join(workspaceRoot, 'package-lock.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.dependencies).toEqual({ 'decimal.js': `^${rootLock.packages['node_modules/decimal.js'].version}` });
  });

  it('takes packages named only in declarations, and workspace libraries built as packages at their version', () => {
    writeFileSync(join(dir, 'index.js'), 'require("@pcknop/twinxml");');
    writeFileSync(
      join(dir, 'index.d.ts'),
      "import type { Decimal } from 'decimal.js';\nexport declare const a: import('@pcknop/pck-contract').Article;",
    );
    writeLibPackage({ outDir: dir, workspaceRoot });
    const deps = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies;
    expect(Object.keys(deps)).toEqual(['@pcknop/pck-contract', '@pcknop/twinxml', 'decimal.js']);
    expect(deps['@pcknop/twinxml']).toBe(
      `^${JSON.parse(readFileSync(join(workspaceRoot, 'libs/twinxml/package.json'), 'utf8')).version}`,
    );
  });

  it('refuses a library that loads a workspace project not built as a package (it would not resolve once published)', () => {
    writeFileSync(join(dir, 'index.js'), 'require("@pcknop/staging-store");');
    expect(() => writeLibPackage({ outDir: dir, workspaceRoot })).toThrow(
      expect.objectContaining({ code: DeployErrorCode.NotADependency }),
    );
  });
});
