import type { MappingProfile } from '@pcknop/field-mapping';
import type { BindingRecord } from '@pcknop/staging-store';
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
  /**
   * The shop would not take calls at all (circuit open, overloaded): the record was not really tried. Its lease
   * is given back without counting an attempt, and the tenant rests for a while.
   */
  deferred?: boolean;
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
  /** Frees connections. */
  close?(): Promise<void>;
}

/**
 * The outcome for a record of a kind the applier has no support for (e.g. PCK discounts and customers, which have
 * no TwinXML record and no place in this shop yet): acknowledged as `skipped`, so it is marked applied (not
 * retried, not dead-lettered) and stays visible in the batch receipts.
 */
export function unsupportedKindOutcome(change: Pick<StagedChange, 'kind' | 'key'>, applierName = 'this applier'): RecordOutcome {
  return {
    kind: change.kind,
    key: change.key,
    status: 'skipped',
    message: `unsupported kind: ${applierName} does not write '${change.kind}' records to the shop; acknowledged without a shop call`,
  };
}
