import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The protocol libraries as another integration would use them: built (JavaScript + .d.ts), packed with npm,
// installed from the tarballs into a project outside the workspace (so nothing resolves to workspace sources),
// and used from a TypeScript program compiled with the workspace's tsc and run with node.
jest.setTimeout(900_000);

const root = resolve(__dirname, '../../..');
const LIBS = ['pck-contract', 'twinxml', 'nopcommerce-client', 'field-mapping'] as const;
// The base error class the protocol libraries extend: a package of its own, with no dependencies.
const PACKAGES = ['errors', ...LIBS] as const;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NX_DAEMON: 'false' },
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`, {
      cause: error,
    });
  }
}

const SEND_ARTICLE = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<sendArticle xmlns="http://webservice.webshop.deltasoft.no/">
<login xmlns="">4711</login><password xmlns="">hemmelig</password>
<article xmlns=""><articleId>1001</articleId><articleNo>JAK-1001</articleNo><name>Vinterjakke Røros</name>
<salesPrice>1999.50</salesPrice><vat>25</vat><visibleOnWeb>true</visibleOnWeb><timestamp>1764662400000</timestamp></article>
</sendArticle></soap:Body></soap:Envelope>`;

// A consumer's program: PCK's SOAP request in, mapped by the default profile, a TwinXML document out (and one helper
// of the nopCommerce client).
const PROGRAM = `import { readFileSync } from 'node:fs';
import { parseRequest, type Article } from '@pcknop/pck-contract';
import { decodeTwinXml, emptyDocument, encodeTwinXml, TwinBatchMode } from '@pcknop/twinxml';
import { decimalToWire, idList } from '@pcknop/nopcommerce-client';
import { defaultProfile, pckToTwin } from '@pcknop/field-mapping';

async function main(): Promise<void> {
  const request = parseRequest(readFileSync(process.argv[2]));
  if (!request.ok || request.operation !== 'sendArticle') throw new Error('not a valid sendArticle');
  const article: Article = request.payload.article;
  if (!article.salesPrice) throw new Error('price missing');

  const records = await pckToTwin(defaultProfile(1), { operation: 'sendArticle', article }, { receivedAt: new Date(Date.UTC(2026, 11, 2)) });
  const doc = emptyDocument({
    schemaVersion: '1.0', sourceSystem: 'pckasse', tenant: 'butikk-' + request.payload.login, batchId: 'b-1', sequence: 1,
    createdAt: new Date(Date.UTC(2026, 11, 2)), mode: TwinBatchMode.Delta, currency: 'NOK',
  });
  doc.products.push(...records.products);
  const xml = encodeTwinXml(doc);
  const back = decodeTwinXml(xml);
  console.log(JSON.stringify({
    operation: request.operation,
    sku: back.products[0].sku,
    name: back.products[0].name,
    price: back.products[0].price.toFixed(2),
    vat: back.products[0].vatRate.toFixed(0),
    shopPrice: decimalToWire(article.salesPrice),
    ids: idList([3, 5]).toString(),
    xml,
  }));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
`;

describe('protocol libraries as npm packages', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pcknop-packages-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('build to JavaScript with types, pack, install outside the workspace, and compile and run a consumer', () => {
    run(
      resolve(root, 'node_modules/.bin/nx'),
      ['run-many', '-t', 'build', '-p', ...PACKAGES, '--output-style=static'],
      root,
    );

    const tarballs: Record<string, string> = {};
    for (const lib of PACKAGES) {
      const dist = join(root, 'dist/libs', lib);
      const manifest = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest).toMatchObject({ name: `@pcknop/${lib}`, main: './src/index.js', types: './src/index.d.ts' });
      expect(manifest).not.toHaveProperty('private');
      if (lib === 'errors') expect(manifest.dependencies).toEqual({});
      else
        expect(manifest.dependencies).toMatchObject({ 'decimal.js': expect.any(String), '@pcknop/errors': '^0.1.0' });
      const [packed] = JSON.parse(run(npm, ['pack', dist, '--pack-destination', scratch, '--json'], scratch)) as {
        filename: string;
        files: { path: string }[];
      }[];
      const files = packed.files.map((f) => f.path);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'src/index.js', 'src/index.d.ts']));
      expect(files.filter((f) => f.endsWith('.spec.js') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
      tarballs[`@pcknop/${lib}`] = `file:../${packed.filename}`;
    }

    const consumer = join(scratch, 'consumer');
    mkdirSync(consumer);
    // @types/node at the workspace's version: the consumer's own choice, not something the packages must bring.
    const typesNode = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
    ).devDependencies['@types/node'];
    const manifest = {
      name: 'consumer',
      version: '1.0.0',
      private: true,
      dependencies: tarballs,
      devDependencies: { '@types/node': typesNode },
    };
    writeFileSync(join(consumer, 'package.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          outDir: 'out',
          types: ['node'],
          skipLibCheck: false,
        },
      }),
    );
    writeFileSync(join(consumer, 'main.ts'), PROGRAM);
    writeFileSync(join(consumer, 'send-article.xml'), SEND_ARTICLE);
    run(npm, ['install', '--no-audit', '--no-fund'], consumer);
    run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], consumer);

    const out = JSON.parse(run(process.execPath, ['out/main.js', 'send-article.xml'], consumer)) as Record<
      string,
      unknown
    >;
    expect(out).toMatchObject({
      operation: 'sendArticle',
      sku: 'JAK-1001',
      name: 'Vinterjakke Røros',
      price: '1999.50',
      vat: '25',
      shopPrice: 1999.5,
      ids: '3;5',
    });
    expect(out.xml).toContain('<TwinXML xmlns="urn:pcknop:twinxml:1"');
    expect(out.xml).toContain('<Price>1999.5000</Price>');
  });
});
