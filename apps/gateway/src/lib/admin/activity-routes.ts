import { Decimal } from 'decimal.js';
import { AdminError, AdminErrorCode } from './admin-api.exception';
import type { AdminContext } from './admin-context';
import { INT_ID, LIMIT, UUID } from './admin-schemas';

const BATCH = {
  type: 'object',
  required: ['id', 'sequence', 'recordCount', 'status', 'createdAt'],
  properties: {
    id: UUID,
    sequence: { type: 'string', description: 'int64 as text' },
    recordCount: { type: 'integer' },
    status: { type: 'string' },
    worker: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    receipts: {
      type: 'object',
      properties: { ok: { type: 'integer' }, failed: { type: 'integer' }, skipped: { type: 'integer' } },
    },
  },
};

const HISTORY_EVENT = {
  type: 'object',
  required: ['at', 'event'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    event: {
      enum: [
        'paid',
        'staged',
        'handedToPck',
        'acknowledged',
        'failed',
        'delivered',
        'captured',
        'credited',
        'deliveryPending',
        'deliveryFailed',
      ],
    },
    detail: { type: 'string' },
    amount: { type: 'string' },
  },
};

type HistoryEvent = { at: Date; event: string; detail?: string; amount?: string };

/** Activity: batches with receipts, a batch's TwinXML, the PCK call log, an order's history. */
export function mountActivityRoutes(ctx: AdminContext): void {
  const { table, repos } = ctx;
  const exists = async (id: string) => {
    if (!(await repos.tenants.get(id))) throw new AdminError(AdminErrorCode.TenantNotFound);
  };
  const batchOf = async (tenantId: string, batchId: string) => {
    const b = await repos.batches.get(batchId);
    if (!b || b.tenantId !== tenantId)
      throw new AdminError(AdminErrorCode.NotFound, `no batch ${batchId} for this tenant`);
    return b;
  };

  table.add({
    method: 'get',
    path: '/tenants/:id/batches',
    tag: 'activity',
    summary:
      'Batches sent to the shop, newest first, with receipt counts (page back with `before` = the last sequence)',
    access: 'tenant',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { limit: LIMIT(500, 50), before: { type: 'string', pattern: '^[0-9]{1,19}$' } },
    },
    responses: { 200: { description: 'a page of batches', schema: { type: 'array', items: BATCH } } },
    async handler({ params, query }) {
      await exists(params['id']);
      return repos.batches.page(params['id'], {
        limit: query['limit'] as number,
        beforeSequence: query['before'] ? BigInt(query['before'] as string) : undefined,
      });
    },
  });

  table.add({
    method: 'get',
    path: '/tenants/:id/batches/:batchId',
    tag: 'activity',
    summary: 'One batch with its receipts (per record: ok, failed or skipped, messages, shop id)',
    access: 'tenant',
    params: { batchId: UUID },
    responses: {
      200: {
        description: 'the batch',
        schema: {
          type: 'object',
          required: ['batch', 'receipts'],
          properties: { batch: BATCH, receipts: { type: 'array', items: { type: 'object' } } },
        },
      },
    },
    async handler({ params }) {
      await exists(params['id']);
      const { document: _document, ...batch } = await batchOf(params['id'], params['batchId']);
      return { batch, receipts: await repos.batches.receipts(batch.id) };
    },
  });

  table.add({
    method: 'get',
    path: '/tenants/:id/batches/:batchId/document',
    tag: 'activity',
    summary: 'The batch as stored: its TwinXML document',
    access: 'tenant',
    params: { batchId: UUID },
    responses: { 200: { description: 'TwinXML', contentType: 'application/xml', schema: { type: 'string' } } },
    async handler({ params, res }) {
      await exists(params['id']);
      const b = await batchOf(params['id'], params['batchId']);
      res.status(200).type('application/xml; charset=utf-8').send(b.document);
      return undefined;
    },
  });

  table.add({
    method: 'get',
    path: '/tenants/:id/calls',
    tag: 'activity',
    summary: 'The PCK call log: operation, result, latency (never payloads); page back with `before` = the last id',
    access: 'tenant',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        limit: LIMIT(1000, 100),
        before: { type: 'string', pattern: '^[0-9]{1,19}$' },
        operation: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    responses: {
      200: {
        description: 'calls, newest first',
        schema: {
          type: 'array',
          items: { type: 'object', required: ['id', 'at', 'operation', 'result', 'durationMs'] },
        },
      },
    },
    async handler({ params, query }) {
      await exists(params['id']);
      return repos.callLog.page(params['id'], {
        limit: query['limit'] as number,
        beforeId: query['before'] as string | undefined,
        operation: query['operation'] as string | undefined,
      });
    },
  });

  table.add({
    method: 'get',
    path: '/tenants/:id/orders/:orderId/history',
    tag: 'orders',
    summary: 'An order’s history: paid, staged, handed to PCK, acknowledged, delivered, captured, credited',
    access: 'tenant',
    params: { orderId: INT_ID },
    responses: {
      200: {
        description: 'the order and its events in time order',
        schema: {
          type: 'object',
          required: ['order', 'events'],
          properties: { order: { type: 'object' }, events: { type: 'array', items: HISTORY_EVENT } },
        },
      },
    },
    async handler({ params }) {
      const tenantId = params['id'];
      await exists(tenantId);
      const shopOrderId = Number(params['orderId']);
      const [order, timeline] = await Promise.all([
        repos.webOrders.get(tenantId, shopOrderId),
        repos.webOrders.timeline(tenantId, shopOrderId),
      ]);
      if (!order || !timeline) throw new AdminError(AdminErrorCode.NotFound, `no order ${shopOrderId}`);
      const events: HistoryEvent[] = [];
      if (timeline.paidAt) events.push({ at: timeline.paidAt, event: 'paid' });
      events.push({ at: timeline.stagedAt, event: 'staged' });
      if (timeline.lastReturnedAt)
        events.push({ at: timeline.lastReturnedAt, event: 'handedToPck', detail: `${order.returnedCount} time(s)` });
      if (order.state === 'transferred' && timeline.transferredAt)
        events.push({
          at: timeline.transferredAt,
          event: 'acknowledged',
          detail: `PCK status ${order.pckStatus ?? 4}`,
        });
      if (timeline.failedAt && order.state === 'failed')
        events.push({ at: timeline.failedAt, event: 'failed', detail: order.failureReason ?? undefined });
      let captureShown = false;
      for (const d of await repos.deliveries.timeline(tenantId, shopOrderId)) {
        const credit = d.ref.startsWith('credit:');
        if (d.state === 'pending')
          events.push({ at: d.updatedAt, event: 'deliveryPending', detail: d.lastError ?? d.ref });
        else if (d.state === 'failed')
          events.push({ at: d.updatedAt, event: 'deliveryFailed', detail: d.lastError ?? d.ref });
        else if (credit)
          events.push({ at: d.updatedAt, event: 'credited', amount: d.amount ?? undefined, detail: d.ref });
        else {
          events.push({ at: d.updatedAt, event: 'delivered', detail: d.ref });
          if (d.amount && !new Decimal(d.amount).isZero()) {
            events.push({ at: d.updatedAt, event: 'captured', amount: d.amount, detail: d.ref });
            captureShown = true;
          }
        }
      }
      if (!captureShown && !new Decimal(order.capturedTotal).isZero())
        events.push({ at: timeline.stagedAt, event: 'captured', amount: order.capturedTotal });
      events.sort((a, b) => a.at.getTime() - b.at.getTime());
      return { order, events };
    },
  });
}
