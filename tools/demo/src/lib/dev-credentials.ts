import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** What `npm start` (tools/launcher) writes for a development run with the simulator. */
export interface DevState {
  pckLogin: number;
  pckPassword: string;
  adminToken: string;
  gatewayUrl: string;
  adminUrl: string;
  shopUrl: string;
  databaseUrl?: string;
}

export const ROOT = resolve(__dirname, '../../../..');

/** The launcher's state file (`DEV_CREDENTIALS_FILE`, default .data/dev-credentials.json), if there is one. */
export function readDevState(): Partial<DevState> {
  const file = resolve(ROOT, process.env.DEV_CREDENTIALS_FILE ?? '.data/dev-credentials.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<DevState>) : {};
}

/** SECRETS_KEY, else the development key file the gateway generated (`SECRETS_KEY_FILE`, .data/secrets.key). */
export function loadSecretsKey(): void {
  if (process.env.SECRETS_KEY) return;
  const file = resolve(ROOT, process.env.SECRETS_KEY_FILE ?? '.data/secrets.key');
  if (existsSync(file)) process.env.SECRETS_KEY = readFileSync(file, 'utf8').trim();
}
