import { DeployError, DeployErrorCode } from './deploy.exception';

/** One entry of a v3 package-lock.json's `packages` map (only the fields read here are named). */
export interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  link?: boolean;
  [field: string]: unknown;
}

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export interface PrunedPackage {
  name: string;
  version: string;
  /** Exact versions, as the root lockfile has them installed. */
  dependencies: Record<string, string>;
  lockfile: Lockfile;
}

/** Where Node finds `dependency` from the package installed at `from` ('' is the root), within `packages`. */
function resolveFrom(packages: Record<string, LockEntry>, from: string, dependency: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dependency}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('node_modules/');
    base = cut <= 0 ? '' : base.slice(0, cut - 1);
  }
}

interface Edge {
  name: string;
  optional: boolean;
}

function edgesOf(entry: LockEntry): Edge[] {
  const optionalPeer = (name: string) => entry.peerDependenciesMeta?.[name]?.optional === true;
  return [
    ...Object.keys(entry.dependencies ?? {}).map((name) => ({ name, optional: false })),
    ...Object.keys(entry.optionalDependencies ?? {}).map((name) => ({ name, optional: true })),
    // npm installs required peers itself; optional ones only when something else needs them.
    ...Object.keys(entry.peerDependencies ?? {})
      .filter((name) => !optionalPeer(name))
      .map((name) => ({ name, optional: false })),
  ];
}

/** Every lockfile path reachable from the root's `direct` dependencies, through required edges only or through all. */
function reachable(packages: Record<string, LockEntry>, direct: string[], followOptional: boolean): Set<string> {
  const seen = new Set<string>();
  const queue: { path: string; name: string; optional: boolean; from: string }[] = direct.map((name) => ({
    path: '',
    name,
    optional: false,
    from: '',
  }));
  while (queue.length > 0) {
    const next = queue.shift() as (typeof queue)[number];
    const path = resolveFrom(packages, next.from, next.name);
    if (!path) {
      // An optional dependency for another platform is often absent from the lock; a required one never may be.
      if (next.optional) continue;
      throw new DeployError(DeployErrorCode.LockfileIncomplete, `${next.name} (needed by ${next.from || 'the root'}).`);
    }
    if (seen.has(path)) continue;
    const entry = packages[path];
    if (entry.link)
      throw new DeployError(DeployErrorCode.LockfileIncomplete, `${path} is a link, not a published package.`);
    seen.add(path);
    for (const edge of edgesOf(entry)) {
      if (edge.optional && !followOptional) continue;
      queue.push({ path: '', name: edge.name, optional: edge.optional, from: path });
    }
  }
  return seen;
}

/**
 * A package-lock.json for an app folder that needs only `packageNames`, cut from the workspace's lockfile: the same
 * versions, integrity hashes and folder layout, nothing else. Deterministic and offline; `npm ci --omit=dev` in that
 * folder then installs exactly what the workspace tested with. Dev flags go (everything here is runtime); a package
 * reachable only through optional dependencies stays optional.
 */
export function prunePackage(root: Lockfile, name: string, version: string, packageNames: string[]): PrunedPackage {
  if (root.lockfileVersion < 2)
    throw new DeployError(DeployErrorCode.LockfileIncomplete, 'The root lockfile is older than v2.');
  const rootDeclared = { ...root.packages['']?.dependencies, ...root.packages['']?.optionalDependencies };
  const dependencies: Record<string, string> = {};
  for (const pkg of packageNames) {
    if (!(pkg in rootDeclared)) {
      throw new DeployError(DeployErrorCode.NotADependency, `${pkg} (a devDependency or only a transitive one).`);
    }
    const installed = root.packages[`node_modules/${pkg}`]?.version;
    if (!installed) throw new DeployError(DeployErrorCode.LockfileIncomplete, `${pkg}.`);
    dependencies[pkg] = installed;
  }
  const required = reachable(root.packages, packageNames, false);
  const all = reachable(root.packages, packageNames, true);
  const packages: Record<string, LockEntry> = { '': { name, version, dependencies } };
  for (const path of [...all].sort()) {
    const { dev: _dev, optional: _optional, devOptional: _devOptional, peer: _peer, ...entry } = root.packages[path];
    packages[path] = required.has(path) ? entry : { ...entry, optional: true };
  }
  return { name, version, dependencies, lockfile: { name, version, lockfileVersion: 3, requires: true, packages } };
}
