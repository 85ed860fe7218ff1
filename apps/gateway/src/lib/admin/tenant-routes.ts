import { randomBytes, randomInt } from 'node:crypto';
import jsonMergePatch from 'json-merge-patch';
import {
  FieldMappingError,
  FieldMappingErrorCode,
  resolveTenantProfile,
  validateTenantOptions,
} from '@pcknop/field-mapping';
import {
  StoreError,
  StoreErrorCode,
  type TenantRecord,
  type TenantUpdate,
  type WebOrderState,
} from '@pcknop/staging-store';
import { AdminError, AdminErrorCode, type FieldError } from './admin-api.exception';
import type { AdminContext } from './admin-context';
import { assertIntegrator } from './admin-auth';
import {
  COUNT_RESULT,
  INT_ID,
  MAPPING_PROFILE_REF,
  OPTIONS,
  SHOP_CREDENTIALS,
  SHOP_URL,
  TENANT_VIEW,
} from './admin-schemas';
import { diagnoseShop } from './shop-diagnosis';
import { shopUrlProblem } from '../shop-url-policy';

/** What PATCH works on: the tenant's profile and options as one JSON document (RFC 7396 merge patch). */
interface PatchableTenant {
  name: string;
  shopUrl: string | null;
  mappingProfile: unknown;
  options: Record<string, unknown>;
  active: boolean;
}

const CREATE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    pckLogin: {
      type: 'integer',
      minimum: 0,
      maximum: 2_147_483_647,
      description: 'PCK login (xs:int); generated when not given',
    },
    pckPassword: {
      type: 'string',
      minLength: 8,
      maxLength: 200,
      description: 'generated when not given; returned once',
    },
    shopUrl: SHOP_URL,
    shop: SHOP_CREDENTIALS,
    mappingProfile: MAPPING_PROFILE_REF,
    options: OPTIONS,
  },
};

const PATCH_BODY = {
  type: 'object',
  additionalProperties: false,
  description:
    'JSON Merge Patch (RFC 7396) of the tenant: members set to null are removed (options keys, profile members)',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    shopUrl: SHOP_URL,
    shop: SHOP_CREDENTIALS,
    mappingProfile: { type: ['object', 'null'], description: 'merged into the stored profile, then validated' },
    options: {
      type: ['object', 'null'],
      description: 'merged into the stored options, then validated as TenantOptions',
    },
    active: { type: 'boolean', description: 'false deactivates the tenant (PCK gets "deactivated"); integrator only' },
  },
};

const CREATED = {
  type: 'object',
  required: ['tenant', 'credentials'],
  properties: {
    tenant: TENANT_VIEW,
    credentials: {
      type: 'object',
      required: ['pckLogin', 'pckPassword'],
      properties: {
        pckLogin: { type: 'integer' },
        pckPassword: { type: 'string', description: 'shown this once; enter it in PCKasse «Webshop oppsett»' },
      },
    },
  },
};

/** Production takes https shop URLs only (unless allowed): see shop-url-policy.ts. */
function shopUrlErrors(url: string | null | undefined): FieldError[] {
  const problem = url ? shopUrlProblem(url) : undefined;
  return problem ? [{ pointer: '/shopUrl', detail: problem }] : [];
}

const DIAGNOSIS = {
  type: 'object',
  required: ['ok', 'summary', 'steps'],
  properties: {
    ok: { type: 'boolean' },
    summary: { type: 'string' },
    apiVersion: { type: 'string' },
    steps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['step', 'ok', 'message'],
        properties: {
          step: { enum: ['url', 'dns', 'connect', 'plugin', 'login', 'permission'] },
          ok: { type: 'boolean' },
          message: { type: 'string' },
          detail: { type: 'string' },
        },
      },
    },
  },
};

const ORDER_STATES: readonly WebOrderState[] = ['staged', 'returned', 'transferred', 'failed'];

const generatedPassword = () => randomBytes(12).toString('base64url');

/** The profile as the tenant will be read (with its options laid over it), checked; problems by JSON pointer. */
function profileErrors(profile: unknown, options: unknown): FieldError[] {
  try {
    resolveTenantProfile({ mappingProfile: profile, options });
    return [];
  } catch (error) {
    if (!(error instanceof FieldMappingError)) throw error;
    const base = error.code === FieldMappingErrorCode.INVALID_OPTIONS ? '/options' : '/mappingProfile';
    const issues = error.issues.length > 0 ? error.issues : [{ path: '/', message: error.message }];
    return issues.map((i) => ({ pointer: `${base}${i.path === '/' ? '' : i.path}`, detail: i.message }));
  }
}

function refuse(errors: FieldError[]): void {
  if (errors.length > 0)
    throw new AdminError(
      AdminErrorCode.ValidationFailed,
      errors.map((e) => `${e.pointer} ${e.detail}`).join('; '),
      errors,
    );
}

/** Tenants: create, list, read, merge-patch, delete, rotate the PCK password, test the shop connection, orders. */
export function mountTenantRoutes(ctx: AdminContext): void {
  const { table, repos } = ctx;

  const tenantOr404 = async (id: string): Promise<TenantRecord> => {
    const t = await repos.tenants.get(id);
    if (!t) throw new AdminError(AdminErrorCode.TenantNotFound);
    return t;
  };

  table.add({
    method: 'get',
    path: '/tenants',
    tag: 'tenants',
    summary: 'List tenants (an operator token sees only its own)',
    access: 'any',
    responses: {
      200: { description: 'tenants, never passwords or shop secrets', schema: { type: 'array', items: TENANT_VIEW } },
    },
    async handler({ actor }) {
      const all = await repos.tenants.list();
      return actor.kind === 'integrator' ? all : all.filter((t) => t.id === actor.tenantId);
    },
  });

  table.add({
    method: 'post',
    path: '/tenants',
    tag: 'tenants',
    summary: 'Create a tenant; PCK login and password are generated when not given and returned once',
    access: 'integrator',
    body: CREATE_BODY,
    bodyRequired: true,
    status: 201,
    responses: {
      201: { description: 'created', schema: CREATED },
      409: {
        description: 'the PCK login is in use',
        schema: { $ref: '#/components/schemas/Problem' },
        contentType: 'application/problem+json',
      },
    },
    async handler({ actor, body }) {
      const b = body as {
        name: string;
        pckLogin?: number;
        pckPassword?: string;
        shopUrl?: string | null;
        shop?: { email: string; password: string } | null;
        mappingProfile?: unknown;
        options?: Record<string, unknown>;
      };
      refuse([...shopUrlErrors(b.shopUrl), ...profileErrors(b.mappingProfile, b.options ?? {})]);
      const pckPassword = b.pckPassword ?? generatedPassword();
      const input = {
        name: b.name,
        pckPassword,
        shopUrl: b.shopUrl?.replace(/\/+$/, '') ?? null,
        shop: b.shop ?? null,
        mappingProfile: b.mappingProfile ?? null,
        options: b.options ?? {},
      };
      let created: TenantRecord | undefined;
      // A generated login is a random 6-digit number; on the rare collision another is drawn.
      for (let attempt = 0; !created; attempt++) {
        try {
          created = await repos.tenants.create({ ...input, pckLogin: b.pckLogin ?? randomInt(100_000, 1_000_000) });
        } catch (error) {
          if (
            b.pckLogin !== undefined ||
            attempt >= 5 ||
            !(error instanceof StoreError && error.code === StoreErrorCode.TenantLoginTaken)
          )
            throw error;
        }
      }
      await ctx.audit(actor, 'tenant.create', created.id, created.id, {
        name: created.name,
        pckLogin: created.pckLogin,
        loginGenerated: b.pckLogin === undefined,
        passwordGenerated: b.pckPassword === undefined,
      });
      ctx.logger.info({ tenantId: created.id, pckLogin: created.pckLogin }, 'tenant created');
      return { tenant: created, credentials: { pckLogin: created.pckLogin, pckPassword } };
    },
  });

  table.add({
    method: 'get',
    path: '/tenants/:id',
    tag: 'tenants',
    summary: 'Read a tenant',
    access: 'tenant',
    responses: { 200: { description: 'the tenant', schema: TENANT_VIEW } },
    handler: ({ params }) => tenantOr404(params['id']),
  });

  table.add({
    method: 'patch',
    path: '/tenants/:id',
    tag: 'tenants',
    summary: 'Change name, shop, mapping profile, options or active state (JSON Merge Patch)',
    description:
      'The patch is merged into the stored profile and options (RFC 7396); the result is validated as a whole. The PCK password has its own action.',
    access: 'tenant',
    body: PATCH_BODY,
    bodyRequired: true,
    bodyTypes: ['application/merge-patch+json', 'application/json'],
    hints: {
      pckPassword: 'the PCK password is changed with POST /admin/tenants/{id}/pck-password',
      pckLogin: 'the PCK login cannot be changed; create a new tenant',
    },
    responses: { 200: { description: 'the updated tenant', schema: TENANT_VIEW } },
    async handler({ actor, params, body }) {
      const patch = body as Partial<PatchableTenant> & { shop?: { email: string; password: string } | null };
      if (patch.active !== undefined) assertIntegrator(actor, 'activate or deactivate a tenant');
      const current = await tenantOr404(params['id']);
      const doc: PatchableTenant = {
        name: current.name,
        shopUrl: current.shopUrl,
        mappingProfile: current.mappingProfile ?? null,
        options: current.options,
        active: current.active,
      };
      const { shop, ...rest } = patch;
      const next = jsonMergePatch.apply(structuredClone(doc), rest) as Partial<PatchableTenant>;
      const errors: FieldError[] = [];
      if (typeof next.name !== 'string' || next.name === '') errors.push({ pointer: '/name', detail: 'is required' });
      if ((next.shopUrl ?? null) !== current.shopUrl) errors.push(...shopUrlErrors(next.shopUrl));
      const optionsCheck = validateTenantOptions(next.options ?? {});
      if (!optionsCheck.ok)
        errors.push(
          ...optionsCheck.issues.map((i) => ({
            pointer: `/options${i.path === '/' ? '' : i.path}`,
            detail: i.message,
          })),
        );
      else errors.push(...profileErrors(next.mappingProfile, next.options ?? {}));
      refuse(errors);
      const update: TenantUpdate = {};
      const changed: string[] = [];
      if (next.name !== doc.name) update.name = next.name;
      if ((next.shopUrl ?? null) !== doc.shopUrl)
        update.shopUrl = next.shopUrl ? next.shopUrl.replace(/\/+$/, '') : null;
      if (JSON.stringify(next.mappingProfile ?? null) !== JSON.stringify(doc.mappingProfile))
        update.mappingProfile = next.mappingProfile ?? null;
      if (JSON.stringify(next.options ?? {}) !== JSON.stringify(doc.options))
        update.options = (next.options ?? {}) as Record<string, unknown>;
      if (next.active !== undefined && next.active !== doc.active) update.active = next.active;
      if (shop !== undefined) update.shop = shop;
      for (const k of Object.keys(update)) changed.push(k);
      if (changed.length === 0) return current;
      const updated = await repos.tenants.update(current.id, update);
      ctx.onTenantChanged(updated.id, updated.pckLogin);
      await ctx.audit(actor, 'tenant.update', updated.id, updated.id, {
        changed,
        ...(update.options ? { options: update.options } : {}),
        ...(update.active !== undefined ? { active: update.active } : {}),
        ...(update.shopUrl !== undefined ? { shopUrl: update.shopUrl } : {}),
      });
      return updated;
    },
  });

  table.add({
    method: 'delete',
    path: '/tenants/:id',
    tag: 'tenants',
    summary: 'Delete a tenant with all its data (staged changes, bindings, batches, orders, tokens, call log)',
    access: 'integrator',
    responses: { 204: { description: 'deleted' } },
    async handler({ actor, params }) {
      const t = await tenantOr404(params['id']);
      await repos.tenants.remove(t.id);
      ctx.onTenantChanged(t.id, t.pckLogin);
      await ctx.audit(actor, 'tenant.delete', t.id, t.id, { name: t.name, pckLogin: t.pckLogin });
      return undefined;
    },
  });

  table.add({
    method: 'post',
    path: '/tenants/:id/pck-password',
    tag: 'tenants',
    summary: 'Rotate the PCK password (generated when not given; returned once)',
    access: 'tenant',
    body: {
      type: 'object',
      additionalProperties: false,
      properties: { pckPassword: { type: 'string', minLength: 8, maxLength: 200 } },
    },
    responses: {
      200: {
        description: 'the new credentials',
        schema: {
          type: 'object',
          required: ['pckLogin', 'pckPassword'],
          properties: { pckLogin: { type: 'integer' }, pckPassword: { type: 'string' } },
        },
      },
    },
    async handler({ actor, params, body }) {
      const t = await tenantOr404(params['id']);
      const pckPassword = (body as { pckPassword?: string }).pckPassword ?? generatedPassword();
      await repos.tenants.update(t.id, { pckPassword });
      ctx.onTenantChanged(t.id, t.pckLogin);
      await ctx.audit(actor, 'tenant.rotate-pck-password', t.id, t.id, {
        generated: (body as { pckPassword?: string }).pckPassword === undefined,
      });
      return { pckLogin: t.pckLogin, pckPassword };
    },
  });

  table.add({
    method: 'post',
    path: '/tenants/:id/shop-connection/test',
    tag: 'tenants',
    summary: 'Test the shop connection step by step and say in words what failed (DNS, TLS, plugin, 401, 403)',
    access: 'tenant',
    responses: {
      200: { description: 'the diagnosis (ok false with the failed step when something is wrong)', schema: DIAGNOSIS },
    },
    async handler({ params }) {
      const t = await tenantOr404(params['id']);
      const credentials = t.hasShopCredentials ? await repos.tenants.shopCredentials(t.id) : null;
      return diagnoseShop(t.shopUrl, credentials, { timeoutMs: ctx.shopTestTimeoutMs });
    },
  });

  table.add({
    method: 'get',
    path: '/tenants/:id/orders',
    tag: 'orders',
    summary: 'Web orders of a tenant, by state',
    access: 'tenant',
    query: { type: 'object', properties: { state: { enum: [...ORDER_STATES] } } },
    responses: { 200: { description: 'orders', schema: { type: 'array', items: { type: 'object' } } } },
    async handler({ params, query }) {
      await tenantOr404(params['id']);
      return repos.webOrders.list(params['id'], query['state'] as WebOrderState | undefined);
    },
  });

  table.add({
    method: 'post',
    path: '/tenants/:id/orders/:orderId/retry',
    tag: 'orders',
    summary: 'Hand a failed order to PCK again (next getOrders)',
    access: 'tenant',
    params: { orderId: INT_ID },
    responses: { 200: { description: 'retried', schema: COUNT_RESULT('retried') } },
    async handler({ actor, params }) {
      await tenantOr404(params['id']);
      const ok = await repos.webOrders.retry(params['id'], Number(params['orderId']));
      if (!ok) throw new AdminError(AdminErrorCode.NotFound, `no failed order ${params['orderId']}`);
      await ctx.audit(actor, 'order.retry', params['id'], params['orderId']);
      return { retried: 1 };
    },
  });
}
