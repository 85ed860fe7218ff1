/**
 * `npm start`: the whole system from one command. Opens the database (an embedded PostgreSQL when
 * DATABASE_URL is unset), then runs the gateway and the scheduler as child processes against it,
 * and the nopCommerce simulator when no shop is configured (NOP_BASE_URL unset). Ctrl-C stops all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '@pcknop/staging-store';

const root = resolve(__dirname, '../../..');

interface Child {
  name: string;
  process: ChildProcess;
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, entry)], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { name, process: child };
}

async function main(): Promise<void> {
  const db = await openDatabase({ dataDir: process.env.DATA_DIR ?? resolve(root, '.data/pg') });
  console.error(db.embedded ? `embedded PostgreSQL running at ${db.url.replace(/:[^:@]*@/, ':***@')}` : 'using DATABASE_URL');
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url };
  const children: Child[] = [];
  const simEntry = 'tools/nop-sim/src/main.ts';
  if (!process.env.NOP_BASE_URL && existsSync(resolve(root, simEntry))) {
    const simPort = process.env.NOP_SIM_PORT ?? '5081';
    env.NOP_SIM_PORT = simPort;
    env.NOP_BASE_URL = `http://127.0.0.1:${simPort}`;
    env.NOP_USES_SIMULATOR = '1';
    children.push(run('nop-sim', simEntry, env));
  }
  children.push(run('gateway', 'apps/gateway/src/main.ts', env));
  children.push(run('scheduler', 'apps/scheduler/src/main.ts', env));

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((done) => {
            if (c.process.exitCode !== null || c.process.signalCode !== null) return done();
            c.process.once('exit', () => done());
            c.process.kill('SIGTERM');
          }),
      ),
    );
    await db.stop();
    process.exit(code);
  };
  for (const c of children) {
    c.process.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`${c.name} exited (${signal ?? code}); stopping everything`);
      void stop(code === 0 ? 0 : 1);
    });
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
}

main().catch((error: Error) => {
  console.error(`could not start: ${error.message}`);
  process.exit(1);
});
