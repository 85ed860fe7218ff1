import { isBuiltin } from 'node:module';
import type { Metafile } from 'esbuild';
import { DeployError, DeployErrorCode } from './deploy.exception';

/** The npm package an import specifier names: `pino/file` → `pino`, `@prisma/adapter-pg/x` → `@prisma/adapter-pg`. */
export function packageOfSpecifier(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The npm packages an esbuild bundle loads at run time: every external import of its outputs, without Node's
 * built-in modules. These, and only these, must be installed beside the bundle.
 */
export function externalPackages(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || isBuiltin(imported.path)) continue;
      if (imported.path.startsWith('.') || imported.path.startsWith('/')) {
        throw new DeployError(DeployErrorCode.UnresolvableImport, `The bundle loads the file ${imported.path}.`);
      }
      found.add(packageOfSpecifier(imported.path));
    }
  }
  return [...found].sort();
}
