import type { Metafile } from 'esbuild';
import { externalPackages, packageOfSpecifier } from './bundle-externals';
import { DeployErrorCode } from './deploy.exception';

const metafileImporting = (...imports: Metafile['outputs'][string]['imports']): Metafile => ({
  inputs: {},
  outputs: { 'main.js': { bytes: 1, inputs: {}, imports, exports: [], entryPoint: 'src/main.ts' } },
});

describe('externalPackages', () => {
  it('names each npm package the bundle loads once, sorted, without built-ins or bundled code', () => {
    const meta = metafileImporting(
      { path: 'pino', kind: 'require-call', external: true },
      { path: 'node:crypto', kind: 'require-call', external: true },
      { path: 'fs', kind: 'require-call', external: true },
      { path: '@prisma/adapter-pg', kind: 'require-call', external: true },
      { path: '@prisma/adapter-pg/dist/x', kind: 'require-call', external: true },
      { path: 'decimal.js', kind: 'dynamic-import', external: true },
      { path: 'libs/twinxml/src/index.ts', kind: 'import-statement' },
    );
    expect(externalPackages(meta)).toEqual(['@prisma/adapter-pg', 'decimal.js', 'pino']);
  });

  it('refuses a bundle that loads a file by path (it would be missing in the app folder)', () => {
    expect(() =>
      externalPackages(metafileImporting({ path: '../wsdl/x.js', kind: 'require-call', external: true })),
    ).toThrow(expect.objectContaining({ code: DeployErrorCode.UnresolvableImport }));
  });

  it('reads package names from deep and scoped specifiers', () => {
    expect(packageOfSpecifier('pino/file')).toBe('pino');
    expect(packageOfSpecifier('@scope/pkg/deep/file.js')).toBe('@scope/pkg');
  });
});
