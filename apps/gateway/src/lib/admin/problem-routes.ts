import { AdminError, AdminErrorCode } from './admin-api.exception';
import type { AdminContext } from './admin-context';
import { COUNT_RESULT, ENTITY_SELECTION, LIMIT, UUID } from './admin-schemas';

const DEAD_LETTER = {
  type: 'object',
  required: ['kind', 'key', 'record', 'humanMessage', 'technical', 'attempts', 'firstFailureAt', 'lastFailureAt'],
  properties: {
    kind: { type: 'string' },
    key: { type: 'string' },
    record: { description: 'the staged TwinXML record (JSON form)' },
    deleted: { type: 'boolean' },
    humanMessage: { type: 'string', description: 'Norwegian, for the shop owner' },
    technical: { type: ['string', 'null'], description: 'the last technical error' },
    attempts: { type: 'integer' },
    firstFailureAt: { type: ['string', 'null'], format: 'date-time' },
    lastFailureAt: { type: 'string', format: 'date-time' },
  },
};

const PROBLEMS = {
  type: 'object',
  required: ['deadLetters', 'failedOrders', 'failedDeliveries'],
  properties: {
    deadLetters: {
      type: 'object',
      required: ['total', 'items'],
      properties: { total: { type: 'integer' }, items: { type: 'array', items: DEAD_LETTER } },
    },
    failedOrders: { type: 'array', items: { type: 'object' } },
    failedDeliveries: { type: 'array', items: { type: 'object' } },
  },
};

/** Norwegian fallback when no stored batch says why (e.g. the batch was pruned). */
const fallbackMessage = (attempts: number) =>
  `Kunne ikke overføres til nettbutikken etter ${attempts} forsøk. Se teknisk detalj, rett årsaken og send på nytt.`;

/** Problems: dead letters, failed orders and deliveries; requeue, dismiss, replay. */
export function mountProblemRoutes(ctx: AdminContext): void {
  const { table, repos } = ctx;
  const exists = async (id: string) => {
    if (!(await repos.tenants.get(id))) throw new AdminError(AdminErrorCode.TenantNotFound);
  };

  table.add({
    method: 'get',
    path: '/tenants/:id/problems',
    tag: 'problems',
    summary:
      'Dead letters (record, Norwegian message, technical detail, attempts, first/last failure), failed orders and deliveries',
    access: 'tenant',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kind: { type: 'string', minLength: 1 },
        limit: LIMIT(500, 50),
        offset: { type: 'integer', minimum: 0, default: 0 },
      },
    },
    responses: { 200: { description: 'what needs attention', schema: PROBLEMS } },
    async handler({ params, query }) {
      const tenantId = params['id'];
      await exists(tenantId);
      const dead = await repos.entities.deadLetters(tenantId, {
        kind: query['kind'] as string | undefined,
        limit: query['limit'] as number,
        offset: query['offset'] as number,
      });
      const failures = await repos.batches.failures(tenantId, dead.items);
      const items = dead.items.map((d) => {
        const f = failures.get(`${d.kind}\u0000${d.key}`);
        return {
          kind: d.kind,
          key: d.key,
          record: d.record,
          deleted: d.deleted,
          humanMessage: f?.humanMessage ?? fallbackMessage(d.attempts),
          technical: d.lastError ?? f?.message ?? null,
          attempts: d.attempts,
          firstFailureAt: f?.firstFailedAt ?? d.pendingSince,
          lastFailureAt: d.deadLetteredAt,
        };
      });
      const failedOrders = await repos.webOrders.list(tenantId, 'failed');
      const failedDeliveries = await repos.deliveries.list(tenantId, 'failed');
      return { deadLetters: { total: dead.total, items }, failedOrders, failedDeliveries };
    },
  });

  table.add({
    method: 'post',
    path: '/tenants/:id/problems/requeue',
    tag: 'problems',
    summary: 'Put dead letters back in the queue: one (keys), a kind, or all (empty body)',
    access: 'tenant',
    body: ENTITY_SELECTION,
    responses: { 200: { description: 'how many were requeued', schema: COUNT_RESULT('requeued') } },
    async handler({ actor, params, body }) {
      await exists(params['id']);
      const sel = body as { kind?: string; keys?: string[] };
      const requeued = await repos.entities.requeueDeadLetters(params['id'], sel);
      await ctx.audit(actor, 'problems.requeue', params['id'], sel.keys?.slice(0, 20).join(',') ?? sel.kind ?? 'all', {
        ...sel,
        keys: sel.keys?.slice(0, 100),
        requeued,
      });
      return { requeued };
    },
  });

  table.add({
    method: 'post',
    path: '/tenants/:id/problems/dismiss',
    tag: 'problems',
    summary: 'Give up on dead letters with a reason (they leave the queue until PCK sends a newer change)',
    access: 'tenant',
    body: {
      ...ENTITY_SELECTION,
      required: ['reason'],
      properties: {
        ...(ENTITY_SELECTION['properties'] as object),
        reason: { type: 'string', minLength: 3, maxLength: 500 },
      },
    },
    bodyRequired: true,
    responses: { 200: { description: 'how many were dismissed', schema: COUNT_RESULT('dismissed') } },
    async handler({ actor, params, body }) {
      await exists(params['id']);
      const { reason, ...sel } = body as { kind?: string; keys?: string[]; reason: string };
      const dismissed = await repos.entities.dismissDeadLetters(params['id'], sel, reason);
      await ctx.audit(actor, 'problems.dismiss', params['id'], sel.keys?.slice(0, 20).join(',') ?? sel.kind ?? 'all', {
        ...sel,
        keys: sel.keys?.slice(0, 100),
        reason,
        dismissed,
      });
      return { dismissed };
    },
  });

  table.add({
    method: 'post',
    path: '/tenants/:id/batches/:batchId/replay',
    tag: 'problems',
    summary: 'Apply a stored batch to the shop again, as it was (recorded as a new batch with its own receipts)',
    access: 'tenant',
    params: { batchId: UUID },
    responses: {
      200: {
        description: 'the replay',
        schema: {
          type: 'object',
          required: ['batchId', 'applied', 'failed'],
          properties: {
            batchId: { type: ['string', 'null'] },
            applied: { type: 'integer' },
            skipped: { type: 'integer' },
            failed: { type: 'integer' },
          },
        },
      },
      404: {
        description: 'no such batch for this tenant',
        schema: { $ref: '#/components/schemas/Problem' },
        contentType: 'application/problem+json',
      },
    },
    async handler({ actor, params }) {
      await exists(params['id']);
      const summary = await ctx.replayer.replay(params['id'], params['batchId']);
      await ctx.audit(actor, 'batch.replay', params['id'], params['batchId'], {
        newBatchId: summary.batchId,
        applied: summary.applied,
        failed: summary.failed,
      });
      return {
        batchId: summary.batchId,
        applied: summary.applied,
        skipped: summary.skipped,
        failed: summary.failed,
        durationMs: summary.durationMs,
      };
    },
  });
}
