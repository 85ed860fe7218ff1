import { reconcileTenantById } from '@pcknop/nop-applier';
import { AdminError, AdminErrorCode } from './admin-api.exception';
import type { AdminContext } from './admin-context';
import { actorName } from './admin-auth';
import { LIMIT, UUID } from './admin-schemas';

const JOB = {
  type: 'object',
  required: ['id', 'tenantId', 'trigger', 'repair', 'state', 'progress', 'createdAt'],
  properties: {
    id: UUID,
    tenantId: UUID,
    trigger: { enum: ['manual', 'nightly'] },
    repair: { type: 'boolean' },
    state: { enum: ['queued', 'running', 'done', 'failed'] },
    progress: {
      type: 'object',
      required: ['done', 'total'],
      properties: { done: { type: 'integer' }, total: { type: 'integer' } },
    },
    result: { description: '{ report, repair? } once done: the reconciliation report and what the repair re-staged' },
    error: { type: ['string', 'null'] },
    requestedBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    startedAt: { type: ['string', 'null'], format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

/** Reconciliation: on demand (now, or as a job with progress), the stored nightly results, repair. */
export function mountReconciliationRoutes(ctx: AdminContext): void {
  const { table, repos } = ctx;
  const exists = async (id: string) => {
    if (!(await repos.tenants.get(id))) throw new AdminError(AdminErrorCode.TenantNotFound);
  };

  table.add({
    method: 'get',
    path: '/tenants/:id/reconciliation',
    tag: 'reconciliation',
    summary: 'Reconcile now and wait for the report (read-only; 409 without a shop, 502 when the shop cannot be read)',
    access: 'tenant',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { ordersSince: { type: 'string', format: 'date-time' } },
    },
    responses: {
      200: {
        description: 'the report (`ok` says whether anything differs)',
        schema: { type: 'object', required: ['ok'] },
      },
    },
    async handler({ params, query }) {
      const since = query['ordersSince'] ? new Date(query['ordersSince'] as string) : undefined;
      const report = await reconcileTenantById(repos, params['id'], since ? { ordersSince: since } : {});
      ctx.logger.info({ tenantId: params['id'], ok: report.ok }, 'reconciliation');
      return report;
    },
  });

  table.add({
    method: 'post',
    path: '/tenants/:id/reconciliation-jobs',
    tag: 'reconciliation',
    summary: 'Start a reconciliation job (poll it for progress); `repair` re-stages what differs',
    access: 'tenant',
    body: { type: 'object', additionalProperties: false, properties: { repair: { type: 'boolean', default: false } } },
    status: 202,
    responses: {
      202: { description: 'the job, queued', schema: JOB },
      409: {
        description: 'the tenant has no shop',
        schema: { $ref: '#/components/schemas/Problem' },
        contentType: 'application/problem+json',
      },
    },
    async handler({ actor, params, body, res }) {
      const repair = (body as { repair?: boolean }).repair ?? false;
      const job = await ctx.jobs.start(params['id'], { repair, requestedBy: actorName(actor) });
      await ctx.audit(actor, repair ? 'reconciliation.repair' : 'reconciliation.start', params['id'], job.id, {
        repair,
      });
      res.location(`/admin/tenants/${params['id']}/reconciliation-jobs/${job.id}`);
      return job;
    },
  });

  table.add({
    method: 'get',
    path: '/tenants/:id/reconciliation-jobs',
    tag: 'reconciliation',
    summary: 'Reconciliation runs, newest first (trigger=nightly: the scheduler’s stored nightly results)',
    access: 'tenant',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { trigger: { enum: ['manual', 'nightly'] }, limit: LIMIT(100, 20) },
    },
    responses: { 200: { description: 'jobs', schema: { type: 'array', items: JOB } } },
    async handler({ params, query }) {
      await exists(params['id']);
      return repos.reconciliationJobs.list(params['id'], {
        trigger: query['trigger'] as 'manual' | 'nightly' | undefined,
        limit: query['limit'] as number,
      });
    },
  });

  table.add({
    method: 'get',
    path: '/tenants/:id/reconciliation-jobs/:jobId',
    tag: 'reconciliation',
    summary: 'One reconciliation job: state, progress, and the result once done',
    access: 'tenant',
    params: { jobId: UUID },
    responses: { 200: { description: 'the job', schema: JOB } },
    async handler({ params }) {
      await exists(params['id']);
      const job = await repos.reconciliationJobs.get(params['id'], params['jobId']);
      if (!job) throw new AdminError(AdminErrorCode.NotFound, `no reconciliation job ${params['jobId']}`);
      return job;
    },
  });
}
