import { toStagedJson } from '@pcknop/batching-engine';
import {
  DEFAULT_ADMIN_EMAIL,
  DEFAULT_ADMIN_PASSWORD,
  startNopSim,
  type NopSim,
  type NopSimOptions,
} from '@pcknop/nop-sim';
import { createTestStore, type TestStore } from '@pcknop/staging-store/testing';
import { recordKey, type TwinRecord, type TwinRecordKind } from '@pcknop/twinxml';

export type { TestStore };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Checks every `everyMs` until `check` holds or `ms` have passed; then the last check decides. */
export async function until(check: () => Promise<boolean> | boolean, ms: number, everyMs = 100): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}

export interface ShopTestbed {
  /** A fresh test database with its store and repositories. */
  readonly t: TestStore;
  /** The nopCommerce simulator every tenant's shop is. */
  readonly sim: NopSim;
  /** A tenant whose shop is the simulator; `login` defaults to the next one after the last. */
  tenant(login?: number, options?: Record<string, unknown>): Promise<string>;
  /** Stages records as the gateway does, each with the next PCK timestamp. */
  stage(tenantId: string, kind: TwinRecordKind, records: TwinRecord[]): Promise<void>;
  /** How many of the tenant's records are not in the shop yet. */
  pending(tenantId: string): Promise<number>;
}

/**
 * A test store and the simulator for the enclosing `describe`: made before all its tests, closed after them. Tenant
 * logins start after `firstLogin`.
 */
export function useShopTestbed(simOptions: NopSimOptions, firstLogin = 100): ShopTestbed {
  let store: TestStore | undefined;
  let sim: NopSim | undefined;
  let login = firstLogin;
  let ts = 1n;
  beforeAll(async () => {
    store = await createTestStore();
    sim = await startNopSim({ port: 0, ...simOptions });
  });
  afterAll(async () => {
    await sim?.close();
    await store?.close();
  });
  const bed: ShopTestbed = {
    get t() {
      if (!store) throw new Error('the test store is made in beforeAll');
      return store;
    },
    get sim() {
      if (!sim) throw new Error('the simulator is started in beforeAll');
      return sim;
    },
    async tenant(pckLogin = ++login, options) {
      login = pckLogin;
      const shop = { email: DEFAULT_ADMIN_EMAIL, password: DEFAULT_ADMIN_PASSWORD };
      return (
        await bed.t.repos.tenants.create({
          name: `T${pckLogin}`,
          pckLogin,
          pckPassword: 'pw',
          shopUrl: bed.sim.url,
          shop,
          options,
        })
      ).id;
    },
    async stage(tenantId, kind, records) {
      await bed.t.repos.entities.stage(
        tenantId,
        records.map((r) => ({
          kind,
          key: recordKey(kind, r as never),
          record: toStagedJson(kind, r),
          pckTimestamp: ts++,
        })),
      );
    },
    async pending(tenantId) {
      return (await bed.t.repos.entities.backlog(tenantId))[0]?.pending ?? 0;
    },
  };
  return bed;
}
