import type { Router } from 'express';
import { MAPPING_PROFILE_SCHEMA, TENANT_OPTIONS_SCHEMA } from '@pcknop/field-mapping';
import type { Repositories } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import { mountAccessRoutes } from './access-routes';
import { mountActivityRoutes } from './activity-routes';
import { AdminAuthenticator } from './admin-auth';
import { auditWriter, type AdminContext } from './admin-context';
import { AdminRouteTable } from './admin-route';
import { NopBatchReplayer, type BatchReplayer } from './batch-replayer';
import { buildOpenApiDocument } from './openapi-document';
import { mountPreviewRoutes } from './preview-routes';
import { mountProblemRoutes } from './problem-routes';
import { mountProgressRoutes } from './progress-routes';
import { InProcessReconciliationJobs, type ReconciliationJobRunner } from './reconciliation-job-runner';
import { mountReconciliationRoutes } from './reconciliation-routes';
import { mountTenantRoutes } from './tenant-routes';

export interface AdminApiDeps {
  /** The integrator's token (ADMIN_TOKEN); without it only operator tokens are accepted. */
  adminToken?: string;
  repos: Repositories;
  logger: Logger;
  onTenantChanged(tenantId: string, pckLogin: number): void;
  jobs?: ReconciliationJobRunner;
  replayer?: BatchReplayer;
  shopTestTimeoutMs?: number;
  version?: string;
}

export interface AdminApi {
  router: Router;
  /** The OpenAPI 3.1 document of every mounted route. */
  document: Record<string, unknown>;
  table: AdminRouteTable;
  jobs: ReconciliationJobRunner;
}

/** The mapping profile schema as OpenAPI shows it (its draft-07 `$id` and `$schema` left out). */
function profileSchemaForDocs(): Record<string, unknown> {
  const { $id: _id, $schema: _schema, ...rest } = MAPPING_PROFILE_SCHEMA as Record<string, unknown>;
  return rest;
}

/** The admin API: every route group on one table, the OpenAPI document built from it, served at /openapi.json. */
export function createAdminApi(deps: AdminApiDeps): AdminApi {
  const table = new AdminRouteTable(new AdminAuthenticator(deps.adminToken, deps.repos.operatorTokens), deps.logger);
  const jobs = deps.jobs ?? new InProcessReconciliationJobs(deps.repos, deps.logger);
  const ctx: AdminContext = {
    table,
    repos: deps.repos,
    logger: deps.logger,
    onTenantChanged: deps.onTenantChanged,
    jobs,
    replayer: deps.replayer ?? new NopBatchReplayer(deps.repos),
    audit: auditWriter(deps.repos),
    shopTestTimeoutMs: deps.shopTestTimeoutMs,
  };
  let document: Record<string, unknown> = {};
  table.add({
    method: 'get',
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This document (OpenAPI 3.1)',
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3.1', schema: { type: 'object' } } },
    handler: async () => document,
  });
  table.add({
    method: 'get',
    path: '/schemas/tenant-options',
    tag: 'meta',
    summary: 'JSON Schema of TenantOptions',
    access: 'public',
    responses: { 200: { description: 'JSON Schema 2020-12', schema: { type: 'object' } } },
    handler: async () => TENANT_OPTIONS_SCHEMA,
  });
  table.add({
    method: 'get',
    path: '/schemas/mapping-profile',
    tag: 'meta',
    summary: 'JSON Schema of the field-mapping profile (schemaVersion 1)',
    access: 'public',
    responses: { 200: { description: 'JSON Schema (draft-07)', schema: { type: 'object' } } },
    handler: async () => MAPPING_PROFILE_SCHEMA,
  });
  mountTenantRoutes(ctx);
  mountPreviewRoutes(ctx);
  mountProblemRoutes(ctx);
  mountActivityRoutes(ctx);
  mountProgressRoutes(ctx);
  mountReconciliationRoutes(ctx);
  mountAccessRoutes(ctx);
  const router = table.router();
  document = buildOpenApiDocument(table.routes, (r) => table.paramsOf(r), deps.version ?? '0.1.0');
  (document['components'] as { schemas: Record<string, unknown> }).schemas['MappingProfile'] = profileSchemaForDocs();
  (document['components'] as { schemas: Record<string, unknown> }).schemas['TenantOptions'] = TENANT_OPTIONS_SCHEMA;
  return { router, document, table, jobs };
}
