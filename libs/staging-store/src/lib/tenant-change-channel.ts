import { Client, type Pool } from 'pg';

/** PostgreSQL NOTIFY channel on which admin changes of a tenant are announced to every process. */
export const TENANT_CHANGED_CHANNEL = 'pcknop_tenant_changed';

export interface TenantChange {
  tenantId: string;
  pckLogin: number;
}

/** Announces a tenant change to every listening process (gateway workers and replicas), this one included. */
export async function notifyTenantChanged(pool: Pick<Pool, 'query'>, change: TenantChange): Promise<void> {
  await pool.query('SELECT pg_notify($1, $2)', [TENANT_CHANGED_CHANNEL, JSON.stringify(change)]);
}

export interface TenantChangeListener {
  close(): Promise<void>;
}

export interface TenantChangeHandlers {
  /** One tenant changed. */
  changed(change: TenantChange): void;
  /**
   * The listening connection was (re)established: changes announced while it was down are lost, so whatever was
   * cached must be forgotten.
   */
  resync(): void;
}

/**
 * Listens for tenant changes on a dedicated connection, reconnecting (with back-off up to 10 s) when it drops.
 * Resolves once listening (or after the first failed attempt; it keeps trying in the background).
 */
export async function listenTenantChanges(url: string, handlers: TenantChangeHandlers): Promise<TenantChangeListener> {
  let client: Client | undefined;
  let closed = false;
  let delayMs = 250;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    if (closed) return;
    const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    const retry = () => {
      if (closed || timer) return;
      client = undefined;
      timer = setTimeout(() => {
        timer = undefined;
        void connect();
      }, delayMs);
      timer.unref();
      delayMs = Math.min(delayMs * 2, 10_000);
    };
    c.on('error', () => {
      c.end().catch(() => undefined);
      retry();
    });
    c.on('notification', (msg) => {
      if (msg.channel !== TENANT_CHANGED_CHANNEL || !msg.payload) return;
      try {
        const change = JSON.parse(msg.payload) as TenantChange;
        if (typeof change.tenantId === 'string' && typeof change.pckLogin === 'number') handlers.changed(change);
        else handlers.resync();
      } catch {
        handlers.resync();
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${TENANT_CHANGED_CHANNEL}`);
      if (closed) {
        await c.end().catch(() => undefined);
        return;
      }
      client = c;
      delayMs = 250;
      handlers.resync();
    } catch {
      await c.end().catch(() => undefined);
      retry();
    }
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
