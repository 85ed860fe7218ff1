#!/usr/bin/env node
// Runs the Prisma CLI the way this machine needs it: the Wasm engine's idle timers unref'd, and a
// placeholder DATABASE_URL for commands that read no database (generate, validate, format).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const offline = ['generate', 'validate', 'format'].includes(args[0]);
const env = { ...process.env };
if (!env.DATABASE_URL && offline) env.DATABASE_URL = 'postgresql://unused@127.0.0.1:1/unused';
if (!env.DATABASE_URL) {
  console.error(`prisma ${args.join(' ')}: DATABASE_URL is not set; point it at the database to use.`);
  process.exit(2);
}
env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${resolve(root, 'tools/scripts/unref-wasm-timers.cjs')}`.trim();
const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
