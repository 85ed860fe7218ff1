import { isBuiltin } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageOfSpecifier } from './bundle-externals';
import { DeployError, DeployErrorCode } from './deploy.exception';
import type { Lockfile } from './prune-lockfile';

export interface LibPackageOptions {
  /** The library's compiled folder (tsc output with the package.json Nx wrote). */
  outDir: string;
  workspaceRoot: string;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

function javaScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.js'))
    .map((d) => join(d.parentPath, d.name));
}

// tsc's CommonJS output names every package it loads in `require("…")` (or `import("…")` for a dynamic import).
const LOADS = /\b(?:require|import)\(\s*"([^"]+)"\s*\)/g;

/** The npm packages compiled JavaScript loads, without Node's built-ins and relative files. */
export function packagesLoadedBy(files: string[]): string[] {
  const found = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(LOADS)) {
      const specifier = m[1];
      if (specifier.startsWith('.') || isBuiltin(specifier)) continue;
      found.add(packageOfSpecifier(specifier));
    }
  }
  return [...found].sort();
}

/**
 * Turns a library's build folder into a publishable package: `dependencies` are the packages its JavaScript loads,
 * as caret ranges from the version the workspace tested (so a consumer's copy of decimal.js dedupes), and the
 * workspace-only `private` flag goes. A library may not load another workspace project (lint enforces it for the
 * protocol libraries); one that does fails here.
 */
export function writeLibPackage(options: LibPackageOptions): Record<string, string> {
  const manifestFile = join(options.outDir, 'package.json');
  const manifest = readJson<Record<string, unknown>>(manifestFile);
  const workspace = readJson<{ dependencies?: Record<string, string>; engines?: Record<string, string>; license?: string }>(
    join(options.workspaceRoot, 'package.json'),
  );
  const lock = readJson<Lockfile>(join(options.workspaceRoot, 'package-lock.json'));
  const dependencies: Record<string, string> = {};
  for (const pkg of packagesLoadedBy(javaScriptFiles(options.outDir))) {
    if (pkg.startsWith('@pcknop/')) throw new DeployError(DeployErrorCode.NotADependency, `${pkg} is a workspace project, not a published package.`);
    const installed = lock.packages[`node_modules/${pkg}`]?.version;
    if (!(pkg in (workspace.dependencies ?? {})) || !installed) throw new DeployError(DeployErrorCode.NotADependency, pkg);
    dependencies[pkg] = `^${installed}`;
  }
  const { private: _private, ...rest } = manifest;
  const published = { ...rest, license: workspace.license, engines: workspace.engines, dependencies };
  writeFileSync(manifestFile, `${JSON.stringify(published, null, 2)}\n`);
  return dependencies;
}
