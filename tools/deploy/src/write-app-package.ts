// Build step after an app's esbuild bundle: `tsx tools/deploy/src/write-app-package.ts <appRoot> <outDir>`.
import { resolve } from 'node:path';
import { writeAppPackage } from './lib/app-package';

const [appRoot, outDir] = process.argv.slice(2);
if (!appRoot || !outDir) {
  console.error('usage: write-app-package <appRoot> <outDir>');
  process.exit(2);
}
const workspaceRoot = resolve(__dirname, '../../..');
try {
  const written = writeAppPackage({
    appRoot: resolve(workspaceRoot, appRoot),
    outDir: resolve(workspaceRoot, outDir),
    workspaceRoot,
  });
  console.log(
    `${outDir}: package.json with ${Object.keys(written.dependencies).length} dependencies, package-lock.json with ${written.lockedPackages} packages`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
