import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { externalPackages } from './bundle-externals';
import { DeployError, DeployErrorCode } from './deploy.exception';
import { prunePackage, type Lockfile } from './prune-lockfile';

export interface AppPackageOptions {
  /** The app's project folder (its package.json gives name and version). */
  appRoot: string;
  /** The bundle's folder, holding main.js and esbuild's meta.json. */
  outDir: string;
  workspaceRoot: string;
}

export interface AppPackage {
  dependencies: Record<string, string>;
  lockedPackages: number;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/**
 * Makes a bundle folder installable on its own: a package.json listing exactly the npm packages the bundle loads
 * (versions as installed in the workspace), with `start` and `migrate` scripts and no install scripts, and the
 * package-lock.json cut from the workspace's. esbuild's meta.json is read and then removed.
 */
export function writeAppPackage(options: AppPackageOptions): AppPackage {
  const metaFile = join(options.outDir, 'meta.json');
  if (!existsSync(metaFile))
    throw new DeployError(DeployErrorCode.BuildOutputMissing, `No ${metaFile} (esbuild metafile).`);
  const app = readJson<{ name: string; version: string; description?: string }>(join(options.appRoot, 'package.json'));
  const workspace = readJson<{ engines?: Record<string, string>; license?: string }>(
    join(options.workspaceRoot, 'package.json'),
  );
  const rootLock = readJson<Lockfile>(join(options.workspaceRoot, 'package-lock.json'));
  const pruned = prunePackage(rootLock, app.name, app.version, externalPackages(readJson<Metafile>(metaFile)));
  const manifest = {
    name: app.name,
    version: app.version,
    private: true,
    ...(app.description ? { description: app.description } : {}),
    license: workspace.license,
    type: 'commonjs',
    main: 'main.js',
    engines: workspace.engines,
    scripts: { start: 'node main.js', migrate: 'node main.js migrate' },
    dependencies: pruned.dependencies,
  };
  writeFileSync(join(options.outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(options.outDir, 'package-lock.json'), `${JSON.stringify(pruned.lockfile, null, 2)}\n`);
  rmSync(metaFile);
  return { dependencies: pruned.dependencies, lockedPackages: Object.keys(pruned.lockfile.packages).length - 1 };
}
