import { ApiError, ApiErrorCode } from './api-error';
import { AdminHttp } from './http';
import { patchedProfile, profilePatch, type ShopSettings } from './shop-settings';
import type { TenantSummary } from './tenant-status';

/** A tenant as the admin API returns it (passwords and shop secrets are never returned). */
export interface Tenant {
  id: string;
  name: string;
  pckLogin: number;
  shopUrl: string | null;
  hasShopCredentials: boolean;
  mappingProfile: unknown;
  options: Record<string, unknown>;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What creating a tenant or rotating its password answers: the PCK password is shown once. */
export interface TenantWithPassword extends Tenant {
  pckPassword?: string;
}

export interface NewTenantInput {
  name: string;
  pckLogin?: number;
  pckPassword?: string;
  shopUrl?: string | null;
  shop?: { email: string; password: string } | null;
}

export interface ConnectionTest {
  ok: boolean;
  /** Norwegian sentence or a short English one; the console shows it as is. */
  message?: string;
  detail?: string;
  reason?: string;
}

/** The typed client of every admin route the console uses. */
export class AdminApi {
  readonly http: AdminHttp;
  constructor(token: string) {
    this.http = new AdminHttp(token);
  }

  listTenants(): Promise<Tenant[]> {
    return this.http.json('GET', '/tenants');
  }
  getTenant(id: string): Promise<Tenant> {
    return this.http.json('GET', `/tenants/${encodeURIComponent(id)}`);
  }
  createTenant(input: NewTenantInput): Promise<TenantWithPassword> {
    return this.http.json('POST', '/tenants', { body: input });
  }
  patchTenant(id: string, patch: Record<string, unknown>): Promise<Tenant> {
    return this.http.json('PATCH', `/tenants/${encodeURIComponent(id)}`, { body: patch });
  }
  async rotatePckPassword(id: string): Promise<string> {
    const r = await this.http.json<{ pckPassword?: string; password?: string }>('POST', `/tenants/${encodeURIComponent(id)}/rotate-password`);
    return r.pckPassword ?? r.password ?? '';
  }
  testConnection(id: string): Promise<ConnectionTest> {
    return this.http.json('POST', `/tenants/${encodeURIComponent(id)}/test-connection`);
  }
  preview(id: string, article: Record<string, unknown>): Promise<unknown> {
    return this.http.json('POST', `/tenants/${encodeURIComponent(id)}/preview`, { body: { article } });
  }
  /** Saves the Oppsett form: the profile with the form's choices merged in. */
  saveSettings(tenant: Tenant, settings: ShopSettings): Promise<Tenant> {
    return this.patchTenant(tenant.id, { mappingProfile: patchedProfile(tenant.mappingProfile, profilePatch(settings)) });
  }

  /** The overview's figures for one tenant; a figure the API cannot give stays null. */
  async tenantSummary(tenant: Tenant): Promise<TenantSummary> {
    const summary: TenantSummary = {
      active: tenant.active,
      pending: null,
      oldestPendingMs: null,
      deadLetters: null,
      failedOrders: null,
      lastBatchAt: null,
      lastPckCallAt: null,
      shopUnreachable: null,
    };
    const id = encodeURIComponent(tenant.id);
    const failed = await optional(this.http.json<unknown[]>('GET', `/tenants/${id}/orders`, { query: { state: 'failed' } }));
    if (Array.isArray(failed)) summary.failedOrders = failed.length;
    return summary;
  }
}

/** A route this gateway does not have (yet) answers 404: the figure is then unknown, not an error. */
async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (error) {
    if (error instanceof ApiError && error.code === ApiErrorCode.NotFound) return undefined;
    throw error;
  }
}
