// A gateway in a process of its own, for the TwinXML memory test: it prints its URL, then serves until killed.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createStore } from '@pcknop/staging-store';
import { createGateway } from '../src/lib/create-app';

const store = createStore({ url: process.env['DATABASE_URL'] as string });
const gateway = createGateway({ store, logger: pino({ level: 'silent' }) });
const server = gateway.app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
