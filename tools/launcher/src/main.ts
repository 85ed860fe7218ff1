/**
 * `npm start`: the whole system from one command. Opens the database (an embedded PostgreSQL when
 * DATABASE_URL is unset), then runs the gateway and the scheduler as child processes against it,
 * and the nopCommerce simulator when no shop is configured (NOP_BASE_URL unset). Ctrl-C stops all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadEnv } from '@pcknop/runtime-config';
import { openDatabase } from '@pcknop/staging-store';

const root = resolve(__dirname, '../../..');

interface Child {
  name: string;
  process: ChildProcess;
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Child {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', resolve(root, entry)], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { name, process: child };
}

/**
 * With the simulator (a development run), the PCK login, password and an admin token are chosen here once and kept
 * in `DEV_CREDENTIALS_FILE` (.data/dev-credentials.json, mode 600), so every start shows the same values and
 * `npm run demo` / `npm run reconcile` find the running system. Environment values win.
 */
interface DevCredentials {
  pckLogin: number;
  pckPassword: string;
  adminToken: string;
}

function devCredentials(file: string): DevCredentials {
  let saved: Partial<DevCredentials> = {};
  if (existsSync(file)) saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevCredentials>;
  const creds: DevCredentials = {
    pckLogin: Number(process.env.PCK_LOGIN ?? saved.pckLogin ?? randomInt(100_000, 1_000_000)),
    pckPassword: process.env.PCK_PASSWORD ?? saved.pckPassword ?? randomBytes(12).toString('base64url'),
    adminToken: process.env.ADMIN_TOKEN ?? saved.adminToken ?? randomBytes(18).toString('base64url'),
  };
  return creds;
}

/**
 * The gateway and the scheduler must share SECRETS_KEY (shop credentials are encrypted with it). In development,
 * when it is unset, both get the key in SECRETS_KEY_FILE (.data/secrets.key), created here if missing.
 */
function ensureSecretsKey(env: NodeJS.ProcessEnv): void {
  if (env.SECRETS_KEY || env.NODE_ENV === 'production') return;
  const file = resolve(root, env.SECRETS_KEY_FILE ?? '.data/secrets.key');
  mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  env.SECRETS_KEY = readFileSync(file, 'utf8').trim();
}

async function waitReady(url: string, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  // The apps' own parser: a typo or a bad value stops here, before anything is started.
  const settings = loadEnv();
  const db = await openDatabase({
    url: settings.string('DATABASE_URL'),
    dataDir: settings.isSet('DATA_DIR') ? settings.string('DATA_DIR') : resolve(root, '.data/pg'),
  });
  console.error(
    db.embedded ? `embedded PostgreSQL running at ${db.url.replace(/:[^:@]*@/, ':***@')}` : 'using DATABASE_URL',
  );
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url };
  ensureSecretsKey(env);
  const children: Child[] = [];
  const simEntry = 'tools/nop-sim/src/main.ts';
  const credentialsFile = resolve(root, settings.string('DEV_CREDENTIALS_FILE') ?? '.data/dev-credentials.json');
  let dev: DevCredentials | undefined;
  if (!settings.string('NOP_BASE_URL') && existsSync(resolve(root, simEntry))) {
    const simPort = String(settings.number('NOP_SIM_PORT'));
    env.NOP_SIM_PORT = simPort;
    env.NOP_BASE_URL = `http://127.0.0.1:${simPort}`;
    env.NOP_USES_SIMULATOR = '1';
    dev = devCredentials(credentialsFile);
    env.PCK_LOGIN = String(dev.pckLogin);
    env.PCK_PASSWORD = dev.pckPassword;
    env.ADMIN_TOKEN = dev.adminToken;
    children.push(run('nop-sim', simEntry, env));
  }
  const gateway = run('gateway', 'apps/gateway/src/main.ts', env);
  children.push(gateway);
  // A heap cap keeps the scheduler within its 256 MB budget through a full resend: its live heap is small, and
  // without a cap V8 collects lazily on a large machine (see apps/scheduler/README.md, Memory).
  children.push(
    run('scheduler', 'apps/scheduler/src/main.ts', env, [
      `--max-old-space-size=${settings.number('SCHEDULER_HEAP_MB')}`,
    ]),
  );

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

  const port = env.GATEWAY_PORT ?? '8080';
  const base = `http://127.0.0.1:${port}`;
  const soapPath = env.GATEWAY_SOAP_PATH ?? '/WebshopWS';
  if (!(await waitReady(`${base}/readyz`, gateway.process))) return;
  const wsdl = `${env.GATEWAY_PUBLIC_URL ?? `${base}${soapPath}`}?wsdl`;
  if (dev) {
    mkdirSync(dirname(credentialsFile), { recursive: true });
    const state = {
      ...dev,
      gatewayUrl: `${base}${soapPath}`,
      adminUrl: `${base}/admin`,
      shopUrl: env.NOP_BASE_URL,
      databaseUrl: db.url,
    };
    writeFileSync(credentialsFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  }
  // Once per start, after the gateway answers: what the shop owner types into PCKasse.
  const lines = [
    '',
    '  PCKasse ↔ nopCommerce gateway is ready.',
    `    WSDL (PCKasse «Webshop oppsett»): ${wsdl}`,
    dev
      ? `    PCK login:    ${dev.pckLogin}`
      : '    PCK login/password: PCK_LOGIN / PCK_PASSWORD (or those printed by the gateway on its first start)',
    dev ? `    PCK password: ${dev.pckPassword}` : '',
    `    Shop: ${env.NOP_BASE_URL ?? '(none)'}${dev ? ' (simulated nopCommerce; admin admin@nop-sim.local / admin)' : ''}`,
    dev ? `    Admin API: ${base}/admin (Bearer ${dev.adminToken}); credentials kept in ${credentialsFile}` : '',
    `    Web console: ${base}/console/${dev ? ` (log in with the admin token ${dev.adminToken})` : ' (log in with ADMIN_TOKEN)'}`,
    '    Try it: npm run demo        Stop: Ctrl-C',
    '',
  ].filter((l, i, all) => l !== '' || i === 0 || i === all.length - 1);
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: Error) => {
  console.error(`could not start: ${error.message}`);
  process.exit(1);
});
