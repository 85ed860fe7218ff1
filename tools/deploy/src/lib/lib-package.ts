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

/** The compiled JavaScript and its declarations: a consumer needs the packages either one names. */
function compiledFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && (d.name.endsWith('.js') || d.name.endsWith('.d.ts')))
    .map((d) => join(d.parentPath, d.name));
}

// tsc's CommonJS output names every package it loads in `require("…")` (or `import("…")` for a dynamic import);
// declarations name the packages whose types they use in `import … from '…'`, `export … from '…'` or `import('…')`.
// Only statements count: a comment or a string that happens to contain `from "…"` does not.
const JS_LOADS = /\b(?:require|import)\(\s*"([^"]+)"\s*\)/g;
const DTS_LOADS = /^\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;
const PACKAGE_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*(?:\/.*)?$/;

/** The npm packages compiled files load or take types from, without Node's built-ins and relative files. */
export function packagesLoadedBy(files: string[]): string[] {
  const found = new Set<string>();
  for (const file of files) {
    const pattern = file.endsWith('.d.ts') ? DTS_LOADS : JS_LOADS;
    for (const m of readFileSync(file, 'utf8').matchAll(pattern)) {
      const specifier = m[1] ?? m[2];
      if (!PACKAGE_NAME.test(specifier)) continue;
      if (specifier.startsWith('.') || isBuiltin(specifier)) continue;
      found.add(packageOfSpecifier(specifier));
    }
  }
  return [...found].sort();
}

/** Workspace libraries that are built as packages (a `build` target), by package name → version. */
function packagedWorkspaceLibraries(workspaceRoot: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const d of readdirSync(join(workspaceRoot, 'libs'), { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    const dir = join(workspaceRoot, 'libs', d.name);
    try {
      const project = readJson<{ targets?: Record<string, unknown> }>(join(dir, 'project.json'));
      const manifest = readJson<{ name: string; version: string }>(join(dir, 'package.json'));
      if (project.targets?.['build']) found.set(manifest.name, manifest.version);
    } catch {
      continue; // not a project
    }
  }
  return found;
}

/**
 * Turns a library's build folder into a publishable package: `dependencies` are the packages its JavaScript loads,
 * as caret ranges from the version the workspace tested (so a consumer's copy of decimal.js dedupes), and the
 * workspace-only `private` flag goes. A library may use another workspace library only when that one is built as a
 * package too (then it depends on its version); anything else fails here.
 */
export function writeLibPackage(options: LibPackageOptions): Record<string, string> {
  const manifestFile = join(options.outDir, 'package.json');
  const manifest = readJson<Record<string, unknown>>(manifestFile);
  const workspace = readJson<{
    dependencies?: Record<string, string>;
    engines?: Record<string, string>;
    license?: string;
  }>(join(options.workspaceRoot, 'package.json'));
  const lock = readJson<Lockfile>(join(options.workspaceRoot, 'package-lock.json'));
  const packaged = packagedWorkspaceLibraries(options.workspaceRoot);
  const dependencies: Record<string, string> = {};
  for (const pkg of packagesLoadedBy(compiledFiles(options.outDir))) {
    if (pkg.startsWith('@pcknop/')) {
      const version = packaged.get(pkg);
      if (!version)
        throw new DeployError(
          DeployErrorCode.NotADependency,
          `${pkg} is a workspace project that is not built as a package.`,
        );
      dependencies[pkg] = `^${version}`;
      continue;
    }
    const installed = lock.packages[`node_modules/${pkg}`]?.version;
    if (!(pkg in (workspace.dependencies ?? {})) || !installed)
      throw new DeployError(DeployErrorCode.NotADependency, pkg);
    dependencies[pkg] = `^${installed}`;
  }
  const { private: _private, ...rest } = manifest;
  const published = { ...rest, license: workspace.license, engines: workspace.engines, dependencies };
  writeFileSync(manifestFile, `${JSON.stringify(published, null, 2)}\n`);
  return dependencies;
}
