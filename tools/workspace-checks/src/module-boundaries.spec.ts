import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// The dependency rules of CONTRIBUTING.md (docs/architecture.md shows the layers), checked through the real lint
// configuration.
const root = resolve(__dirname, '../../..');

/** Lints `code` as if it were `file`, with the workspace's real ESLint CLI and configuration. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const r = spawnSync(resolve(root, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', file, '-f', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (!r.stdout) throw new Error(`eslint produced no report: ${r.stderr}`);
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  jest.setTimeout(120_000);

  it('rejects nop-sim importing the nopCommerce client (the simulator is its independent check)', async () => {
    const errors = await boundaryErrors(
      'tools/nop-sim/src/lib/forbidden.ts',
      "import '@pcknop/nopcommerce-client';\nexport const x = 1;\n",
    );
    expect(errors.join('\n')).toMatch(
      /"scope:nop-sim" cannot depend on any libs|Circular dependency between "nop-sim" and "nopcommerce-client"/,
    );
  });

  it('rejects a protocol library importing another workspace project', async () => {
    const errors = await boundaryErrors(
      'libs/twinxml/src/lib/forbidden.ts',
      "import '@pcknop/staging-store';\nexport const x = 1;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('rejects a library importing an app', async () => {
    const errors = await boundaryErrors(
      'libs/batching-engine/src/lib/forbidden.ts',
      "import '../../../../apps/gateway/src/main';\nexport const x = 1;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allows field-mapping to use the protocol libraries', async () => {
    const errors = await boundaryErrors(
      'libs/field-mapping/src/lib/allowed.ts',
      "import '@pcknop/twinxml';\nexport const x = 1;\n",
    );
    expect(errors).toEqual([]);
  });

  it('lets tests of the client and the applier use the simulator, but the simulator’s tests never use the client', async () => {
    expect(
      await boundaryErrors(
        'libs/nopcommerce-client/test/x.spec.ts',
        "import '@pcknop/nop-sim';\nexport const x = 1;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors('libs/nop-applier/src/lib/x.spec.ts', "import '@pcknop/nop-sim';\nexport const x = 1;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'tools/nop-sim/test/x.spec.ts',
        "import '@pcknop/nopcommerce-client';\nexport const x = 1;\n",
      ),
    ).not.toEqual([]);
    expect(
      await boundaryErrors('libs/nopcommerce-client/src/lib/x.ts', "import '@pcknop/nop-sim';\nexport const x = 1;\n"),
    ).not.toEqual([]);
  });

  it('lets apps and tools use runtime-config, never a library (a library takes its settings as arguments)', async () => {
    const code = "import '@pcknop/runtime-config';\nexport const x = 1;\n";
    expect(await boundaryErrors('apps/scheduler/src/lib/allowed.ts', code)).toEqual([]);
    expect(await boundaryErrors('tools/launcher/src/allowed.ts', code)).toEqual([]);
    expect(await boundaryErrors('libs/staging-store/src/lib/forbidden.ts', code)).not.toEqual([]);
    expect(await boundaryErrors('libs/nop-applier/src/lib/forbidden.ts', code)).not.toEqual([]);
  });

  it('lets every project use the errors library, which itself uses no workspace project', async () => {
    expect(
      await boundaryErrors('libs/twinxml/src/lib/allowed.ts', "import '@pcknop/errors';\nexport const x = 1;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors('tools/nop-sim/src/lib/allowed.ts', "import '@pcknop/errors';\nexport const x = 1;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors('apps/gateway/src/lib/allowed.ts', "import '@pcknop/errors';\nexport const x = 1;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors('libs/errors/src/lib/forbidden.ts', "import '@pcknop/twinxml';\nexport const x = 1;\n"),
    ).not.toEqual([]);
  });

  it('rejects a library importing a tool directly (field-mapping → pck-sim)', async () => {
    const errors = await boundaryErrors(
      'libs/field-mapping/src/lib/forbidden.ts',
      "import '@pcknop/pck-sim';\nexport const x = 1;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });
});
