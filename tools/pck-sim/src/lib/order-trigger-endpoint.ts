import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OrderStatusId, type Order, type WebOrdersReturn } from '@pcknop/pck-contract';
import type { PckClient } from './pck-client';

export interface OrderTriggerEndpointOptions {
  /** Talks to the gateway as this till. */
  client: PckClient;
  /** The licence number the trigger must carry (`?licenceno=`); others get 404. */
  licenceNo: string;
  port?: number;
  host?: string;
  computerName?: string;
  /** Called with each fetched order and when it arrived (the benchmark measures paid → in PCK with it). */
  onOrder?(order: Order, fetchedAt: number): void;
}

export interface FetchRecord {
  /** When the trigger that caused this fetch came in. */
  triggeredAt: number;
  fetchedAt: number;
  orders: number[];
  /** The fetch failed (transport, fault or an error code); orders are fetched again at the next trigger. */
  error?: string;
}

export interface OrderTriggerEndpoint {
  /** `http://host:port/QueueGetOrders.aspx`: the tenant's `orderTrigger.baseUrl`. */
  url: string;
  /** Trigger calls received (with a matching licence number). */
  triggers: number[];
  fetches: FetchRecord[];
  /** Resolves when no fetch is running or owed. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * PCK's order trigger (`QueueGetOrders.aspx?licenceno=…`) as the simulated till: it answers at once (JSON with
 * `OkCount`/`FailedCount`/`DbResults`, the shape seen in third-party code) and then fetches as «Oppfrisk» does —
 * getOrders, then status 4 for each order. The till is one queue: triggers arriving during a fetch make one more
 * fetch after it, never two at once.
 */
export async function startOrderTriggerEndpoint(options: OrderTriggerEndpointOptions): Promise<OrderTriggerEndpoint> {
  const triggers: number[] = [];
  const fetches: FetchRecord[] = [];
  let running: Promise<void> | null = null;
  let owedSince: number | null = null;

  const fetchOnce = async (triggeredAt: number): Promise<void> => {
    const record: FetchRecord = { triggeredAt, fetchedAt: 0, orders: [] };
    const got = await options.client.sendRequest('getOrders', {
      login: options.client.options.login,
      password: options.client.options.password,
      computerName: options.computerName ?? 'KASSE1\\butikk{orderversion:2}',
    });
    record.fetchedAt = Date.now();
    fetches.push(record);
    if (got.kind !== 'answer' || got.operationResult !== 0) {
      record.error = got.kind === 'answer' ? `operationResult ${got.operationResult}` : got.message;
      return;
    }
    for (const order of (got.result as WebOrdersReturn).listWebOrders) {
      record.orders.push(order.deltaOrderId);
      options.onOrder?.(order, record.fetchedAt);
      await options.client.sendRequest('updateOrderStatus', {
        login: options.client.options.login,
        password: options.client.options.password,
        updateOrder: {
          deltaOrderId: order.deltaOrderId,
          orderStatusId: OrderStatusId.Received,
          orderLines: [],
          message: '',
        },
      });
    }
  };

  const drain = async (): Promise<void> => {
    while (owedSince !== null) {
      const since = owedSince;
      owedSince = null;
      try {
        await fetchOnce(since);
      } catch (error) {
        fetches.push({
          triggeredAt: since,
          fetchedAt: Date.now(),
          orders: [],
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    running = null;
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://pck');
    if (
      url.pathname.toLowerCase() !== '/queuegetorders.aspx' ||
      url.searchParams.get('licenceno') !== options.licenceNo
    ) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ OkCount: 0, FailedCount: 1, DbResults: ['unknown licence'] }));
      return;
    }
    const now = Date.now();
    triggers.push(now);
    owedSince ??= now;
    running ??= drain();
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ OkCount: 1, FailedCount: 0, DbResults: [] }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/QueueGetOrders.aspx`,
    triggers,
    fetches,
    async idle() {
      while (running) await running;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (running) await running;
    },
  };
}
