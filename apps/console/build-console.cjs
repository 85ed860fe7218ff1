// Builds the web console (apps/console/src) into three static files: index.html, app.js, app.css.
// `node apps/console/build-console.cjs <outdir>` is the nx build target; `--json` prints the files instead, which
// the gateway in development runs on the first request (in a child process: esbuild's API refuses to run inside
// jest's sandbox, and a child keeps the gateway's own process free of the build).
'use strict';
const { readFileSync, mkdirSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const SRC = join(__dirname, 'src');

/** @returns {Promise<Record<string, Buffer>>} file name → contents */
async function buildConsole() {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(SRC, 'main.tsx')],
    bundle: true,
    write: false,
    outfile: 'app.js',
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(__dirname, 'tsconfig.app.json'),
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('app.js'));
  if (!js) throw new Error('esbuild produced no app.js');
  return {
    'index.html': readFileSync(join(SRC, 'index.html')),
    'app.js': Buffer.from(js.contents),
    'app.css': readFileSync(join(SRC, 'app.css')),
  };
}

async function main() {
  const files = await buildConsole();
  if (process.argv[2] === '--json') {
    // For the gateway in development: the files on stdout, nothing written.
    const encoded = Object.fromEntries(Object.entries(files).map(([name, body]) => [name, body.toString('base64')]));
    process.stdout.write(JSON.stringify(encoded));
    return;
  }
  const outdir = resolve(process.argv[2] ?? 'dist/apps/console');
  mkdirSync(outdir, { recursive: true });
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(outdir, name), contents);
  console.log(`console built into ${outdir} (${Object.keys(files).join(', ')})`);
}

module.exports = { buildConsole };
if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
