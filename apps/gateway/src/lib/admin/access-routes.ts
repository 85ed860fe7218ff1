import { AdminError, AdminErrorCode } from './admin-api.exception';
import type { AdminContext } from './admin-context';
import { LIMIT, UUID } from './admin-schemas';

const TOKEN = {
  type: 'object',
  required: ['id', 'tenantId', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'],
  properties: {
    id: UUID,
    tenantId: UUID,
    name: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

const AUDIT_ENTRY = {
  type: 'object',
  required: ['id', 'at', 'actor', 'action'],
  properties: {
    id: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    actor: { type: 'string', description: '`integrator` or `operator:<token id>`' },
    action: { type: 'string' },
    tenantId: { type: ['string', 'null'] },
    target: { type: ['string', 'null'] },
    details: { type: 'object' },
  },
};

const AUDIT_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: LIMIT(1000, 100), before: { type: 'string', pattern: '^[0-9]{1,19}$' } },
};

/** Access: per-tenant operator tokens (integrator only) and the audit log. */
export function mountAccessRoutes(ctx: AdminContext): void {
  const { table, repos } = ctx;
  const exists = async (id: string) => {
    if (!(await repos.tenants.get(id))) throw new AdminError(AdminErrorCode.TenantNotFound);
  };

  table.add({
    method: 'get',
    path: '/tenants/:id/tokens',
    tag: 'access',
    summary: 'Operator tokens of a tenant (never the tokens themselves)',
    access: 'integrator',
    responses: { 200: { description: 'tokens', schema: { type: 'array', items: TOKEN } } },
    async handler({ params }) {
      await exists(params['id']);
      return repos.operatorTokens.list(params['id']);
    },
  });

  table.add({
    method: 'post',
    path: '/tenants/:id/tokens',
    tag: 'access',
    summary: 'Create an operator token for the shop owner: it sees and acts on this tenant only; returned once',
    access: 'integrator',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
    },
    bodyRequired: true,
    status: 201,
    responses: {
      201: {
        description: 'the token (shown this once) and its record',
        schema: {
          type: 'object',
          required: ['token', 'record'],
          properties: { token: { type: 'string' }, record: TOKEN },
        },
      },
    },
    async handler({ actor, params, body }) {
      await exists(params['id']);
      const created = await repos.operatorTokens.create(params['id'], (body as { name: string }).name);
      await ctx.audit(actor, 'token.create', params['id'], created.record.id, { name: created.record.name });
      return created;
    },
  });

  table.add({
    method: 'delete',
    path: '/tenants/:id/tokens/:tokenId',
    tag: 'access',
    summary: 'Revoke an operator token (it stops working at once)',
    access: 'integrator',
    params: { tokenId: UUID },
    responses: { 204: { description: 'revoked' } },
    async handler({ actor, params }) {
      await exists(params['id']);
      if (!(await repos.operatorTokens.revoke(params['id'], params['tokenId'])))
        throw new AdminError(AdminErrorCode.NotFound, 'no such live token for this tenant');
      await ctx.audit(actor, 'token.revoke', params['id'], params['tokenId']);
      return undefined;
    },
  });

  table.add({
    method: 'get',
    path: '/audit',
    tag: 'access',
    summary: 'The audit log, newest first: every change through the admin API (an operator token sees its tenant’s)',
    access: 'any',
    query: AUDIT_QUERY,
    responses: { 200: { description: 'entries', schema: { type: 'array', items: AUDIT_ENTRY } } },
    handler: ({ actor, query }) =>
      repos.auditLog.list({
        tenantId: actor.kind === 'operator' ? actor.tenantId : undefined,
        limit: query['limit'] as number,
        beforeId: query['before'] as string | undefined,
      }),
  });

  table.add({
    method: 'get',
    path: '/tenants/:id/audit',
    tag: 'access',
    summary: 'The audit log of one tenant, newest first',
    access: 'tenant',
    query: AUDIT_QUERY,
    responses: { 200: { description: 'entries', schema: { type: 'array', items: AUDIT_ENTRY } } },
    handler: ({ params, query }) =>
      repos.auditLog.list({
        tenantId: params['id'],
        limit: query['limit'] as number,
        beforeId: query['before'] as string | undefined,
      }),
  });
}
