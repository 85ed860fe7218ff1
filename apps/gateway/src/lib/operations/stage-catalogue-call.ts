import {
  FieldMappingError,
  pckToTwin,
  type MappingProfile,
  type PckCatalogueCall,
  type TwinRecords,
} from '@pcknop/field-mapping';
import {
  ok,
  type Article,
  type InsertUpdateResponse,
  type SendCustomerInfoRequest,
  type SendDiscountRequest,
} from '@pcknop/pck-contract';
import type { EntityChange } from '@pcknop/staging-store';
import { TwinDeletionTarget, TwinRecordKind, recordKey, recordToJson, type TwinDeletion } from '@pcknop/twinxml';
import { GatewayError, GatewayErrorCode } from '../gateway.exception';
import { toJsonForm } from '../json-form';
import type { CallContext } from './operation-context';

/** Kinds staged for PCK data that has no TwinXML record yet (kept for later use; appliers skip unknown kinds). */
export const PCK_DISCOUNT_KIND = 'pck-discount';
export const PCK_CUSTOMER_KIND = 'pck-customer';
/**
 * An article's webstockLimit, which updateStockCount does not carry: staged with the article, so every gateway
 * process (workers, replicas) reads the same value back.
 */
export const PCK_WEBSTOCK_LIMIT_KIND = 'pck-webstock-limit';

/**
 * PCK's `timestamp` orders changes per object. Calls without one (images, removals, product lines) stage without a
 * timestamp and the store orders them by arrival: stamping them with the gateway's clock would compare two clocks
 * for one entity (a removal judged older than the article PCK sent before it, when PCK's clock is ahead).
 */
function timestampOf(ts: number | undefined): bigint | undefined {
  return ts !== undefined && Number.isSafeInteger(ts) ? BigInt(ts) : undefined;
}

/**
 * "null leaves the groups alone, id 0 detaches": the mapper cannot tell "no group sent" from "no group", so the
 * staged product says when the applier must keep the product's current categories.
 */
function keepsCategories(profile: MappingProfile, a: Article): boolean {
  switch (profile.groups.source) {
    case 'webGroups':
      return a.articleGroup === undefined && a.articleGroup2 === undefined && a.articleGroup3 === undefined;
    case 'articleGroups':
      return a.externalGroupId === undefined;
    case 'off':
      return true;
  }
}

/**
 * What a tombstone row carries: nothing for whole entities (kind + key say what is gone); for an image, its
 * identity (owner, colour, position), so the applier knows which product's picture to remove.
 */
function tombstoneRecord(d: TwinDeletion): unknown {
  if (d.target !== TwinDeletionTarget.Image) return null;
  const [ownerKind, ownerKey, colour, position] = d.key.split('|');
  const identity: Record<string, unknown> = {
    ownerKind,
    ownerKey: decodeURIComponent(ownerKey ?? ''),
    position: Number(position),
  };
  if (colour) identity['colour'] = decodeURIComponent(colour);
  return identity;
}

/**
 * Every TwinXML record of one call as one entity change: kind = record kind, key = record key, record = twinxml's
 * canonical JSON form (what the batching engine reads back). A removal is the same entity row turned into a
 * tombstone (kind = what is deleted, same key), so it supersedes the entity's pending upsert.
 */
export function changesOf(
  records: TwinRecords,
  pckTimestamp: bigint | undefined,
  keepCategoryKeys = false,
): EntityChange[] {
  const changes: EntityChange[] = [];
  const add = (kind: string, key: string, record: unknown, deleted = false) =>
    changes.push(
      pckTimestamp === undefined ? { kind, key, record, deleted } : { kind, key, record, pckTimestamp, deleted },
    );
  for (const c of records.categories) add(TwinRecordKind.Category, c.key, recordToJson('category', c));
  for (const m of records.manufacturers) add(TwinRecordKind.Manufacturer, m.key, recordToJson('manufacturer', m));
  for (const p of records.products) {
    const json = recordToJson('product', p);
    // Not a TwinXML field: tells the applier to keep the product's current categories (PCK sent no group).
    add(TwinRecordKind.Product, p.key, keepCategoryKeys ? { ...json, keepCategoryKeys: 'true' } : json);
  }
  for (const s of records.stockLevels)
    add(TwinRecordKind.Stock, recordKey(TwinRecordKind.Stock, s), recordToJson('stock', s));
  for (const i of records.images)
    add(TwinRecordKind.Image, recordKey(TwinRecordKind.Image, i), recordToJson('image', i));
  for (const d of records.deletions) add(d.target, d.key, tombstoneRecord(d), true);
  return changes;
}

/** The webstockLimit last staged with article `articleId` (undefined when none was). */
async function stagedWebstockLimit(ctx: CallContext, articleId: number): Promise<number | undefined> {
  const [row] = await ctx.services.repos.entities.get(ctx.auth.tenant.id, PCK_WEBSTOCK_LIMIT_KIND, [`a:${articleId}`]);
  const value = row && !row.deleted ? (row.record as { webstockLimit?: unknown } | null)?.webstockLimit : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The side records (groups, manufacturers) learnt from an article that differ from what is staged for them now.
 * Compared with the staged rows (by content hash, one read), not with what this process last wrote: another process
 * may have staged a newer version since, and the article's version must then win again.
 */
async function changedSideRecords(ctx: CallContext, side: EntityChange[]): Promise<EntityChange[]> {
  const same = new Set(await ctx.services.repos.entities.unchanged(ctx.auth.tenant.id, side));
  return side.filter((c) => !same.has(c));
}

/**
 * A PCK catalogue call: map through the tenant's profile and stage every resulting record with ONE statement
 * (one transaction, timestamp-guarded). Durable when this resolves. Stale and exact repeats answer 0 as well:
 * PCK's queue must drain, and nothing changed.
 */
export async function stageCatalogueCall(
  ctx: CallContext,
  call: PckCatalogueCall,
  deltaId: number,
  ts: number | undefined,
): Promise<InsertUpdateResponse> {
  const { tenant, profile } = ctx.auth;
  const webstockLimit =
    call.operation === 'updateStockCount' ? await stagedWebstockLimit(ctx, call.updateStock.articleId) : undefined;
  // Stock levels carry `asOf`: take it from PCK's timestamp, so an exact repeat maps to the same record (and
  // stages as "unchanged") instead of differing by arrival time.
  const stockAsOf =
    call.operation === 'updateStockCount' && ts !== undefined && Math.abs(ts) <= 8.64e15 ? new Date(ts) : undefined;
  const records = await pckToTwin(profile, call, { receivedAt: stockAsOf ?? ctx.receivedAt, webstockLimit }).catch(
    (error: unknown) => {
      // The mapping touches no database or shop: whatever else it throws comes from the call's values, and a retry
      // of the same values fails the same way, so PCK gets 1 (fix the value), never 2 (retry for ever).
      if (error instanceof FieldMappingError || error instanceof GatewayError) throw error;
      throw new GatewayError(GatewayErrorCode.UnusableValue, undefined, { cause: error });
    },
  );
  const keep = call.operation === 'sendArticle' && keepsCategories(profile, call.article);
  const pckTimestamp = timestampOf(ts);
  let changes = changesOf(records, pckTimestamp, keep);
  // A full resend carries the same group and manufacturer in thousands of articles. Re-staging them every time
  // would lock the same rows in every transaction (concurrent tills serialise on them) for no change, so
  // groups/manufacturers learnt from an article are staged only when they differ from the staged rows (one read
  // by key, no lock). Their own calls (sendArticleGroup, sendManufacturer) always stage.
  if (call.operation === 'sendArticle') {
    const isSide = (c: EntityChange) => c.kind === TwinRecordKind.Category || c.kind === TwinRecordKind.Manufacturer;
    const side = changes.filter(isSide);
    changes = changes.filter((c) => !isSide(c));
    if (side.length > 0) changes.push(...(await changedSideRecords(ctx, side)));
    const limit = call.article.webstockLimit;
    if (limit !== undefined) {
      changes.push({
        kind: PCK_WEBSTOCK_LIMIT_KIND,
        key: `a:${call.article.articleId}`,
        record: { webstockLimit: limit },
        pckTimestamp,
      });
    }
  }
  // Kinds another source owns (e.g. stock from a warehouse system) are not taken from PCK; PCK still gets 0 so its
  // queue drains instead of retrying a call that will never change anything.
  changes = await ctx.services.ownership.pckChanges(tenant.id, changes);
  if (changes.length > 0) await ctx.services.stager.stage(tenant.id, changes);
  return ok(deltaId);
}

/** sendDiscount: one row per PCK discount id; deleteDiscount makes it a tombstone. */
export async function stageDiscount(ctx: CallContext, payload: SendDiscountRequest): Promise<InsertUpdateResponse> {
  const d = payload.discount;
  await ctx.services.stager.stage(ctx.auth.tenant.id, [
    { kind: PCK_DISCOUNT_KIND, key: `d:${d.discountId}`, record: toJsonForm(d), deleted: d.deleteDiscount === true },
  ]);
  return ok(d.discountId);
}

/**
 * sendCustomerInfo: staged per PCK customer id. deltaId must echo the shop's customer id; a new customer
 * (deltaCustomerId 0) has none until it is created, so PCK's own id is echoed meanwhile.
 */
export async function stageCustomerInfo(
  ctx: CallContext,
  payload: SendCustomerInfoRequest,
): Promise<InsertUpdateResponse> {
  const c = payload.customerInfo;
  const key = c.pckCustomerId ? `c:${c.pckCustomerId}` : `dc:${c.deltaCustomerId ?? 0}`;
  await ctx.services.stager.stage(ctx.auth.tenant.id, [{ kind: PCK_CUSTOMER_KIND, key, record: toJsonForm(c) }]);
  return ok(c.deltaCustomerId && c.deltaCustomerId > 0 ? c.deltaCustomerId : (c.pckCustomerId ?? 0));
}
