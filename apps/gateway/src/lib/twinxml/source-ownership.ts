import type { EntityChange, OwnableKind, TwinxmlSourceRepository } from '@pcknop/staging-store';

/** Which ownable kind an entity row belongs to (a variant's tombstone belongs to its product). */
export function ownableKindOf(entityKind: string): OwnableKind | undefined {
  switch (entityKind) {
    case 'category':
    case 'manufacturer':
    case 'product':
    case 'stock':
    case 'image':
      return entityKind;
    case 'variant':
      return 'product';
    default:
      return undefined;
  }
}

/**
 * Per-kind ownership between PCK and a tenant's other TwinXML sources: a kind owned by an active source is not
 * staged from PCK's calls (PCK still gets operationResult 0, so its queue drains instead of retrying). Read from
 * PostgreSQL and kept for `ttlMs`, so a source created or switched off applies to PCK's calls within that time.
 */
export class SourceOwnership {
  private readonly cache = new Map<string, { at: number; kinds: Set<OwnableKind> }>();

  constructor(
    private readonly sources: Pick<TwinxmlSourceRepository, 'ownedKinds'>,
    private readonly ttlMs = 5000,
  ) {}

  async ownedBySources(tenantId: string): Promise<Set<OwnableKind>> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.kinds;
    const kinds = await this.sources.ownedKinds(tenantId);
    this.cache.set(tenantId, { at: Date.now(), kinds });
    return kinds;
  }

  /** PCK's changes without those of kinds another source owns. */
  async pckChanges(tenantId: string, changes: EntityChange[]): Promise<EntityChange[]> {
    const owned = await this.ownedBySources(tenantId);
    if (owned.size === 0) return changes;
    return changes.filter((c) => {
      const kind = ownableKindOf(c.kind);
      return kind === undefined || !owned.has(kind);
    });
  }

  invalidate(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
