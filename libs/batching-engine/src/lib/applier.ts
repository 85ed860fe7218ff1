import type { MappingProfile } from '@pcknop/field-mapping';
import type { BindingRecord } from '@pcknop/staging-store';
import type { ShopFault } from './shop-fault';
import type { StagedChange } from './staged-change';

/** Where an applier reads and writes PCK key ↔ shop id bindings (the guard against duplicates). */
export interface BindingStore {
  get(kind: string, keys: readonly string[]): Promise<Map<string, BindingRecord>>;
  /** Saved at once: an applier saves a binding as soon as the shop row exists, before the batch ends. */
  save(bindings: readonly BindingRecord[]): Promise<void>;
  /**
   * Which of these shop ids some PCK key of `kind` is already bound to. An applier that adopts an existing shop
   * row (e.g. a category found by name) must not adopt one that belongs to another source entity.
   */
  boundShopIds?(kind: string, shopIds: readonly number[]): Promise<Set<number>>;
}

export interface ApplyContext {
  tenantId: string;
  profile: MappingProfile;
  /** Options of the tenant (e.g. `removal: 'delete'`). */
  options: Readonly<Record<string, unknown>>;
  bindings: BindingStore;
  now: Date;
  /**
   * Aborted when the batch's lease is lost or the runner stops after its grace time: start no new record (answer
   * `deferred`); calls already under way finish.
   */
  signal?: AbortSignal;
  /**
   * Throws when the batch's lease can no longer be trusted (renewals failed: another worker may hold it). Call it
   * right before creating a row in the shop, so a lost lease never makes a duplicate.
   */
  fence?(): void;
}

export type RecordStatus = 'ok' | 'failed' | 'skipped';

/** The result of one record. */
export interface RecordOutcome {
  kind: string;
  key: string;
  status: RecordStatus;
  shopId?: number;
  /** Technical message (logs, receipts). */
  message?: string;
  /** For the shop owner. */
  humanMessage?: string;
  /** false: retrying cannot help (bad data); the record is dead-lettered at once. Default true. */
  retryable?: boolean;
  /** Not really tried (stopping, lease lost): its lease is given back without counting an attempt. */
  deferred?: boolean;
  /**
   * The failure is about the shop, not this record (401, 403, 429, 5xx, timeout, refused connection, circuit
   * open). When the runner confirms an outage (see `Applier.probe`) the record counts no attempt and the
   * tenant's flush pauses; when the shop turns out to answer, it counts as this record's failure.
   */
  shopFault?: ShopFault;
}

/**
 * Applies records, already coalesced and in dependency order, to one shop. The engine knows nothing of the
 * shop behind it: another shop type is another Applier. Contract (see `describeApplierContract`): one outcome
 * per record; idempotent — applying the same records again creates nothing new; a failure of one record
 * does not fail the others; never throws for a record's failure (only for a failure of the whole batch).
 */
export interface Applier {
  /**
   * The kinds this applier writes to the shop. When declared, the runner does not hand it other kinds: they are
   * acknowledged with a `skipped` receipt (see `unsupportedKindOutcome`). Undeclared = every kind is handed over,
   * and the applier answers `skipped` for those it cannot write (contract).
   */
  readonly supportedKinds?: readonly string[];
  apply(context: ApplyContext, changes: readonly StagedChange[]): Promise<RecordOutcome[]>;
  /**
   * One cheap call that needs the shop and its login (no retries worth waiting for): undefined when the shop
   * answers, else why not. The runner asks it to tell a shop outage from records the shop fails, and to end a
   * pause as soon as the shop is back. Without it, any shop fault pauses the tenant.
   */
  probe?(): Promise<ShopFault | undefined>;
  /** Frees connections. */
  close?(): Promise<void>;
}

/**
 * The outcome for a record of a kind the applier has no support for (e.g. PCK discounts and customers, which have
 * no TwinXML record and no place in this shop yet): acknowledged as `skipped`, so it is marked applied (not
 * retried, not dead-lettered) and stays visible in the batch receipts.
 */
export function unsupportedKindOutcome(
  change: Pick<StagedChange, 'kind' | 'key'>,
  applierName = 'this applier',
): RecordOutcome {
  return {
    kind: change.kind,
    key: change.key,
    status: 'skipped',
    message: `unsupported kind: ${applierName} does not write '${change.kind}' records to the shop; acknowledged without a shop call`,
  };
}
