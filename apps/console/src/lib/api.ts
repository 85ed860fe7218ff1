import { ApiError, ApiErrorCode } from './api-error';
import { AdminHttp } from './http';
import { optionsPatch, type ShopSettings } from './shop-settings';
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

export interface PckCredentials {
  pckLogin: number;
  /** Shown once: enter it in PCKasse «Webshop oppsett». */
  pckPassword: string;
}

export interface NewTenantInput {
  name: string;
  pckLogin?: number;
  shopUrl?: string | null;
  shop?: { email: string; password: string } | null;
}

export interface DiagnosisStep {
  step: string;
  ok: boolean;
  message: string;
  detail?: string;
}

/** «Test tilkobling»: each step (URL, DNS, TLS, plugin, login, permission) in Norwegian. */
export interface ShopDiagnosis {
  ok: boolean;
  summary: string;
  apiVersion?: string;
  steps: DiagnosisStep[];
}

export interface DeadLetter {
  kind: string;
  key: string;
  record: unknown;
  deleted?: boolean;
  humanMessage: string;
  technical: string | null;
  attempts: number;
  firstFailureAt: string | null;
  lastFailureAt: string | null;
}

export interface WebOrder {
  shopOrderId?: number;
  orderId?: number;
  customOrderNumber?: string | null;
  state?: string;
  failureReason?: string | null;
  [key: string]: unknown;
}

export interface Problems {
  deadLetters: { total: number; items: DeadLetter[] };
  failedOrders: WebOrder[];
  failedDeliveries: Record<string, unknown>[];
}

export interface Progress {
  pending: number;
  deadLettered: number;
  byKind: { kind: string; pending: number; deadLettered: number; oldestPendingSince?: string | null }[];
  oldestPendingAgeMs: number | null;
  appliedPerMinute: number;
  etaSeconds: number | null;
  failedOrders?: number;
  /** When the scheduler paused the tenant's flush because the shop does not answer (if the gateway reports it). */
  pausedUntil?: string | null;
  shopUnreachable?: boolean;
  /** Why the flush rests (Norwegian reason from the scheduler) while the shop fails. */
  shopPause?: { code: string; reason: string; failures: number; since: string } | null;
}

export interface Batch {
  id: string;
  sequence: string;
  recordCount: number;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  receipts?: { ok: number; failed: number; skipped: number };
}

export interface Receipt {
  kind: string;
  key: string;
  status: string;
  message: string | null;
  humanMessage?: string | null;
  shopId?: number | string | null;
}

export interface CallLogEntry {
  id: string;
  at: string;
  operation: string;
  result: number;
  durationMs: number;
  entityKey?: string | null;
  message?: string | null;
}

export interface Difference {
  kind: string;
  key: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface ReconcileReport {
  ok: boolean;
  checkedAt: string;
  entities: { checked: number; differences: Difference[] };
  orders: {
    checked: number;
    handedOverOnce: number;
    deliveries: { checked: number; done: number };
    differences: Difference[];
  };
  duplicates: {
    products: { sku: string; productIds: number[] }[];
    pictures: { productId: number; seoFilename: string; pictureIds: number[] }[];
  };
}

export interface ReconciliationJob {
  id: string;
  trigger: 'manual' | 'nightly';
  repair: boolean;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  result?: { report?: ReconcileReport; repair?: { restaged: number; bindingsRemoved: number } } | null;
  error?: string | null;
  createdAt: string;
  finishedAt?: string | null;
}

export interface OperatorToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const t = (id: string) => `/tenants/${encodeURIComponent(id)}`;

/** The typed client of every admin route the console uses (see GET /admin/openapi.json). */
export class AdminApi {
  readonly http: AdminHttp;
  constructor(token: string) {
    this.http = new AdminHttp(token);
  }

  listTenants(): Promise<Tenant[]> {
    return this.http.json('GET', '/tenants');
  }
  getTenant(id: string): Promise<Tenant> {
    return this.http.json('GET', t(id));
  }
  /** Creates a tenant; the gateway makes the PCK login (unless given) and password and returns them once. */
  createTenant(input: NewTenantInput): Promise<{ tenant: Tenant; credentials: PckCredentials }> {
    return this.http.json('POST', '/tenants', { body: input });
  }
  /** A JSON Merge Patch (sent as application/json, which the gateway reads as a merge patch too). */
  patchTenant(id: string, patch: Record<string, unknown>): Promise<Tenant> {
    return this.http.json('PATCH', t(id), { body: patch });
  }
  async rotatePckPassword(id: string): Promise<PckCredentials> {
    return this.http.json('POST', `${t(id)}/pck-password`, { body: {} });
  }
  testConnection(id: string): Promise<ShopDiagnosis> {
    return this.http.json('POST', `${t(id)}/shop-connection/test`);
  }
  preview(id: string, article: Record<string, unknown>): Promise<unknown> {
    return this.http.json('POST', `${t(id)}/preview`, { body: { article } });
  }
  /** Saves the Oppsett form as a merge patch of the tenant's options (they override the mapping profile). */
  saveSettings(tenant: Tenant, settings: ShopSettings): Promise<Tenant> {
    return this.patchTenant(tenant.id, { options: optionsPatch(settings) });
  }

  problems(id: string, query: { kind?: string; limit?: number; offset?: number } = {}): Promise<Problems> {
    return this.http.json('GET', `${t(id)}/problems`, { query });
  }
  requeue(id: string, selection: { kind?: string; keys?: string[] }): Promise<{ requeued: number }> {
    return this.http.json('POST', `${t(id)}/problems/requeue`, { body: selection });
  }
  dismiss(id: string, selection: { kind?: string; keys?: string[] }, reason: string): Promise<{ dismissed: number }> {
    return this.http.json('POST', `${t(id)}/problems/dismiss`, { body: { ...selection, reason } });
  }
  retryOrder(id: string, orderId: number): Promise<{ retried: number }> {
    return this.http.json('POST', `${t(id)}/orders/${orderId}/retry`);
  }

  progress(id: string): Promise<Progress> {
    return this.http.json('GET', `${t(id)}/progress`);
  }
  batches(id: string, query: { limit?: number; before?: string } = {}): Promise<Batch[]> {
    return this.http.json('GET', `${t(id)}/batches`, { query });
  }
  batch(id: string, batchId: string): Promise<{ batch: Batch; receipts: Receipt[] }> {
    return this.http.json('GET', `${t(id)}/batches/${encodeURIComponent(batchId)}`);
  }
  batchDocument(id: string, batchId: string): Promise<string> {
    return this.http.text(`${t(id)}/batches/${encodeURIComponent(batchId)}/document`, 'application/xml');
  }
  replayBatch(id: string, batchId: string): Promise<{ batchId: string | null; applied: number; failed: number }> {
    return this.http.json('POST', `${t(id)}/batches/${encodeURIComponent(batchId)}/replay`);
  }
  calls(id: string, query: { limit?: number; before?: string; operation?: string } = {}): Promise<CallLogEntry[]> {
    return this.http.json('GET', `${t(id)}/calls`, { query });
  }

  startReconciliation(id: string, repair: boolean): Promise<ReconciliationJob> {
    return this.http.json('POST', `${t(id)}/reconciliation-jobs`, { body: { repair } });
  }
  reconciliationJob(id: string, jobId: string): Promise<ReconciliationJob> {
    return this.http.json('GET', `${t(id)}/reconciliation-jobs/${encodeURIComponent(jobId)}`);
  }
  reconciliationJobs(
    id: string,
    query: { trigger?: 'manual' | 'nightly'; limit?: number } = {},
  ): Promise<ReconciliationJob[]> {
    return this.http.json('GET', `${t(id)}/reconciliation-jobs`, { query });
  }

  tokens(id: string): Promise<OperatorToken[]> {
    return this.http.json('GET', `${t(id)}/tokens`);
  }
  createToken(id: string, name: string): Promise<{ token: string; record: OperatorToken }> {
    return this.http.json('POST', `${t(id)}/tokens`, { body: { name } });
  }
  revokeToken(id: string, tokenId: string): Promise<void> {
    return this.http.json('DELETE', `${t(id)}/tokens/${encodeURIComponent(tokenId)}`);
  }

  /** The overview's figures for one tenant; a figure the API cannot give stays null. */
  async tenantSummary(tenant: Tenant): Promise<TenantSummary> {
    const [progress, batches, calls] = await Promise.all([
      optional(this.progress(tenant.id)),
      optional(this.batches(tenant.id, { limit: 1 })),
      optional(this.calls(tenant.id, { limit: 1 })),
    ]);
    const paused = progress?.pausedUntil ? Date.parse(progress.pausedUntil) > Date.now() : undefined;
    return {
      active: tenant.active,
      pending: progress?.pending ?? null,
      oldestPendingMs: progress?.oldestPendingAgeMs ?? null,
      deadLetters: progress?.deadLettered ?? null,
      failedOrders: progress?.failedOrders ?? null,
      lastBatchAt: batches?.[0]?.createdAt ?? null,
      lastPckCallAt: calls?.[0]?.at ?? null,
      shopUnreachable: progress?.shopUnreachable ?? paused ?? null,
    };
  }
}

/** A route this gateway does not have answers 404: the figure is then unknown, not an error. */
async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (error) {
    if (error instanceof ApiError && error.code === ApiErrorCode.NotFound) return undefined;
    throw error;
  }
}
