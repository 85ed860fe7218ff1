import {
  TwinDeletionTarget,
  TwinRecordKind,
  type TwinCategory,
  type TwinDeletion,
  type TwinImage,
  type TwinRecord,
  type TwinStockLevel,
} from '@pcknop/twinxml';

/** One claimed entity, its record read back into the TwinXML model. */
export interface StagedChange {
  kind: string;
  key: string;
  version: bigint;
  /**
   * PCK's timestamp of this state; null when it came from a call without one (image, removal). Decides which of two
   * related changes is newer when both carry one; otherwise `arrival` does (never two clocks compared).
   */
  pckTimestamp: bigint | null;
  /** The store's arrival order of this state (absent for changes that never were staged, e.g. a replayed document). */
  arrival?: bigint;
  /** A tombstone: the entity was removed in the source. */
  deleted: boolean;
  record: TwinRecord | null;
  /**
   * A product whose source sent no group at all (the gateway stages `keepCategoryKeys: "true"` beside the
   * TwinXML fields): the applier leaves the product's category mappings alone instead of applying
   * `categoryKeys` (which TwinXML can only give as `[]`).
   */
  keepCategoryKeys?: boolean;
  /**
   * The staged JSON of a kind that is no TwinXML record (e.g. the gateway's `pck-discount`, `pck-customer`);
   * `record` is then null. An applier that supports such a kind reads it from here.
   */
  data?: unknown;
}

const TWIN_KINDS: ReadonlySet<string> = new Set<string>([
  ...Object.values(TwinRecordKind),
  ...Object.values(TwinDeletionTarget),
]);

/** Whether a staged kind is a TwinXML record kind (or a deletion target), i.e. travels in the batch document. */
export function isTwinKind(kind: string): boolean {
  return TWIN_KINDS.has(kind);
}

/** The deletion a change stands for: a `deletion` record, or a tombstoned entity of another kind. */
export function deletionOf(change: StagedChange): TwinDeletion | undefined {
  if (change.kind === TwinRecordKind.Deletion && change.record) return change.record as TwinDeletion;
  if (!change.deleted) return undefined;
  const target = (Object.values(TwinDeletionTarget) as string[]).includes(change.kind)
    ? (change.kind as TwinDeletionTarget)
    : undefined;
  if (!target) return undefined;
  const d: TwinDeletion = { target, key: change.key, deletedAt: new Date(Number(change.pckTimestamp ?? 0n) || 0) };
  if (target === TwinDeletionTarget.Image && change.record) d.parentKey = (change.record as TwinImage).ownerKey;
  return d;
}

/** The product a change belongs to, if any (for supersession across kinds). */
export function productKeyOf(change: StagedChange): string | undefined {
  const del = deletionOf(change);
  if (del) {
    if (del.target === TwinDeletionTarget.Product) return del.key;
    if (del.target === TwinDeletionTarget.Variant || del.target === TwinDeletionTarget.Image) return del.parentKey;
    return undefined;
  }
  switch (change.kind) {
    case TwinRecordKind.Product:
      return change.key;
    case TwinRecordKind.Stock:
      return (change.record as TwinStockLevel | null)?.productKey;
    case TwinRecordKind.Image: {
      const i = change.record as TwinImage | null;
      return i && i.ownerKind === 'product' ? i.ownerKey : undefined;
    }
    default:
      return undefined;
  }
}

/** Category depth, so parents are applied before children. */
export function levelOf(change: StagedChange): number {
  return change.kind === TwinRecordKind.Category && change.record ? ((change.record as TwinCategory).level ?? 1) : 0;
}
