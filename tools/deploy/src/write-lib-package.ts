// Build step after a protocol library's tsc build: `tsx tools/deploy/src/write-lib-package.ts <outDir>`.
import { resolve } from 'node:path';
import { writeLibPackage } from './lib/lib-package';

const [outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: write-lib-package <outDir>');
  process.exit(2);
}
const workspaceRoot = resolve(__dirname, '../../..');
try {
  const dependencies = writeLibPackage({ outDir: resolve(workspaceRoot, outDir), workspaceRoot });
  console.log(`${outDir}: package.json with dependencies ${JSON.stringify(dependencies)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
