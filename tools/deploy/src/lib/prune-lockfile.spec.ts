import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DeployErrorCode } from './deploy.exception';
import { prunePackage, type Lockfile } from './prune-lockfile';

// A workspace lockfile in npm's v3 layout: hoisted packages, one nested copy, dev and optional packages.
const workspace: Lockfile = {
  name: 'ws',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: 'ws',
      version: '1.0.0',
      dependencies: { a: '1.0.0', b: '2.0.0', c: '1.0.0' },
      devDependencies: { jest: '1.0.0' },
    },
    'node_modules/a': {
      version: '1.0.0',
      integrity: 'sha512-a',
      dependencies: { shared: '^1.0.0' },
      optionalDependencies: { 'native-linux': '1.0.0', 'native-mac': '1.0.0' },
    },
    'node_modules/b': {
      version: '2.0.0',
      integrity: 'sha512-b',
      dependencies: { shared: '^2.0.0' },
      peerDependencies: { a: '^1', opt: '*' },
      peerDependenciesMeta: { opt: { optional: true } },
    },
    'node_modules/b/node_modules/shared': { version: '2.0.0', integrity: 'sha512-s2' },
    'node_modules/shared': { version: '1.0.0', integrity: 'sha512-s1', devOptional: true },
    'node_modules/native-linux': {
      version: '1.0.0',
      integrity: 'sha512-n',
      optional: true,
      os: ['linux'],
      dependencies: { helper: '1' },
    },
    'node_modules/helper': { version: '1.0.0', integrity: 'sha512-h', devOptional: true },
    'node_modules/c': { version: '1.0.0', integrity: 'sha512-c' },
    'node_modules/opt': { version: '1.0.0', integrity: 'sha512-o', dev: true },
    'node_modules/jest': { version: '1.0.0', integrity: 'sha512-j', dev: true, dependencies: { helper: '1' } },
  },
};

describe('prunePackage', () => {
  it('keeps exactly what the named packages need, in the same layout, with exact versions and no dev flags', () => {
    const pruned = prunePackage(workspace, '@x/app', '0.1.0', ['a', 'b']);
    expect(pruned.dependencies).toEqual({ a: '1.0.0', b: '2.0.0' });
    expect(pruned.lockfile.packages['']).toEqual({
      name: '@x/app',
      version: '0.1.0',
      dependencies: { a: '1.0.0', b: '2.0.0' },
    });
    expect(Object.keys(pruned.lockfile.packages).sort()).toEqual([
      '',
      'node_modules/a',
      'node_modules/b',
      'node_modules/b/node_modules/shared',
      'node_modules/helper',
      'node_modules/native-linux',
      'node_modules/shared',
    ]);
    expect(pruned.lockfile.packages['node_modules/shared']).toEqual({ version: '1.0.0', integrity: 'sha512-s1' });
    // Only reachable through an optional dependency: stays optional (npm skips it on other platforms).
    expect(pruned.lockfile.packages['node_modules/native-linux']).toMatchObject({ optional: true, os: ['linux'] });
    expect(pruned.lockfile.packages['node_modules/helper']).toEqual({
      version: '1.0.0',
      integrity: 'sha512-h',
      optional: true,
    });
    for (const entry of Object.values(pruned.lockfile.packages)) {
      expect(entry).not.toHaveProperty('dev');
      expect(entry).not.toHaveProperty('devOptional');
    }
  });

  it('refuses a package that is not a runtime dependency of the workspace', () => {
    expect(() => prunePackage(workspace, 'app', '1.0.0', ['jest'])).toThrow(
      expect.objectContaining({ code: DeployErrorCode.NotADependency }),
    );
  });

  it('refuses a lockfile that lacks a required package', () => {
    const broken: Lockfile = { ...workspace, packages: { ...workspace.packages } };
    delete broken.packages['node_modules/shared'];
    expect(() => prunePackage(broken, 'app', '1.0.0', ['a'])).toThrow(
      expect.objectContaining({ code: DeployErrorCode.LockfileIncomplete }),
    );
  });

  it('cuts a consistent lockfile from the real workspace lockfile (every dependency resolvable inside it)', () => {
    const root = JSON.parse(readFileSync(resolve(__dirname, '../../../../package-lock.json'), 'utf8')) as Lockfile;
    const pruned = prunePackage(root, 'app', '1.0.0', ['pg', 'express', '@prisma/adapter-pg']);
    const packages = pruned.lockfile.packages;
    expect(packages['node_modules/pg']?.version).toBe(pruned.dependencies.pg);
    expect(packages['node_modules/prisma']).toBeUndefined(); // the CLI is a dev tool
    expect(packages['node_modules/typescript']).toBeUndefined();
    for (const [path, entry] of Object.entries(packages)) {
      if (path === '') continue;
      for (const dep of Object.keys(entry.dependencies ?? {})) {
        const candidates: string[] = [];
        for (let base = path; ;) {
          candidates.push(`${base}/node_modules/${dep}`);
          const cut = base.lastIndexOf('/node_modules/');
          if (cut < 0) break;
          base = base.slice(0, cut);
        }
        candidates.push(`node_modules/${dep}`);
        expect({ path, dep, found: candidates.some((c) => c in packages) }).toEqual({ path, dep, found: true });
      }
    }
  });
});
