import { AdminError, AdminErrorCode } from './admin-api.exception';
import type { AdminContext } from './admin-context';

/** The window the drain rate is measured over. */
const RATE_WINDOW_MIN = 5;

const PROGRESS = {
  type: 'object',
  required: [
    'tenantId',
    'at',
    'pending',
    'deadLettered',
    'byKind',
    'oldestPendingAgeMs',
    'appliedPerMinute',
    'etaSeconds',
  ],
  properties: {
    tenantId: { type: 'string', format: 'uuid' },
    at: { type: 'string', format: 'date-time' },
    pending: { type: 'integer', description: 'changes waiting to reach the shop (dead letters not counted)' },
    deadLettered: { type: 'integer' },
    byKind: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'pending', 'deadLettered'],
        properties: {
          kind: { type: 'string' },
          pending: { type: 'integer' },
          deadLettered: { type: 'integer' },
          oldestPendingSince: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
    oldestPendingAgeMs: { type: ['integer', 'null'] },
    appliedPerMinute: {
      type: 'number',
      description: `records applied per minute over the last ${RATE_WINDOW_MIN} minutes`,
    },
    etaSeconds: {
      type: ['integer', 'null'],
      description: 'estimated time to drain at that rate (null: nothing applied lately)',
    },
    failedOrders: { type: 'integer' },
    shopUnreachable: {
      type: 'boolean',
      description:
        "the scheduler has paused this tenant's flush because the shop fails (401, 403, 429, 5xx, time-outs)",
    },
    pausedUntil: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'no batch is tried before this (a successful probe of the shop may end the pause sooner)',
    },
    shopPause: {
      type: ['object', 'null'],
      required: ['code', 'reason', 'failures', 'since'],
      properties: {
        code: { type: 'string' },
        reason: { type: 'string', description: 'in Norwegian, for the operator' },
        detail: { type: ['string', 'null'] },
        failures: { type: 'integer' },
        since: { type: 'string', format: 'date-time' },
      },
    },
  },
};

/**
 * Progress: per tenant what is pending by kind, how old the oldest change is, how fast the shop takes changes and
 * when the queue will be empty, and whether the shop is paused for an outage. Four indexed queries, so a console can poll it every 2 s.
 */
export function mountProgressRoutes(ctx: AdminContext): void {
  const { table, repos } = ctx;
  table.add({
    method: 'get',
    path: '/tenants/:id/progress',
    tag: 'progress',
    summary: 'Pending changes by kind, oldest pending age, applied per minute, estimated time to drain',
    access: 'tenant',
    responses: { 200: { description: 'the tenant’s queue right now', schema: PROGRESS } },
    async handler({ params }) {
      const tenantId = params['id'];
      if (!(await repos.tenants.get(tenantId))) throw new AdminError(AdminErrorCode.TenantNotFound);
      const now = new Date();
      const [byKind, applied, failedOrders, pause] = await Promise.all([
        repos.entities.pendingByKind(tenantId),
        repos.batches.appliedSince(tenantId, new Date(now.getTime() - RATE_WINDOW_MIN * 60_000)),
        repos.webOrders.list(tenantId, 'failed'),
        repos.flushPauses.get(tenantId),
      ]);
      const pending = byKind.reduce((n, k) => n + k.pending, 0);
      const deadLettered = byKind.reduce((n, k) => n + k.deadLettered, 0);
      const oldest = byKind.map((k) => k.oldestPendingSince?.getTime()).filter((t): t is number => t !== undefined);
      const appliedPerMinute = Math.round((applied / RATE_WINDOW_MIN) * 10) / 10;
      return {
        tenantId,
        at: now,
        pending,
        deadLettered,
        byKind,
        oldestPendingAgeMs: oldest.length > 0 ? Math.max(0, now.getTime() - Math.min(...oldest)) : null,
        appliedPerMinute,
        etaSeconds: pending === 0 ? 0 : appliedPerMinute > 0 ? Math.ceil((pending / appliedPerMinute) * 60) : null,
        failedOrders: failedOrders.length,
        // A pause row lives from the first shop failure until the shop answers again, also between two tries.
        shopUnreachable: pause !== undefined,
        pausedUntil: pause?.pausedUntil ?? null,
        shopPause: pause
          ? {
              code: pause.code,
              reason: pause.reason,
              detail: pause.detail,
              failures: pause.failures,
              since: pause.since,
            }
          : null,
      };
    },
  });
}
