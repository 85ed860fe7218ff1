// Public face of @pcknop/field-mapping: per-tenant mapping profiles and the pure mappers built on them.
export * from './lib/field-mapping.exception';
export * from './lib/profile/mapping-profile';
export { MAPPING_PROFILE_SCHEMA } from './lib/profile/mapping-profile.schema';
export * from './lib/profile/validate-profile';
export * from './lib/money';
export * from './lib/vat-mapping';
export * from './lib/shown-stock';
export * from './lib/source-keys';
export * from './lib/offer-window';
export { formatLocal, nextLocalMidnight, instantOfWallTime } from './lib/zoned-time';
export * from './lib/field-ownership';
export * from './lib/pck-text';
export { pckToTwin, emptyTwinRecords, sniffImageType } from './lib/pck-to-twin';
export type { PckCatalogueCall, PckToTwinContext, TwinRecords } from './lib/pck-to-twin';
export { twinToNop, NOP_PRODUCT_FIELDS } from './lib/twin-to-nop';
export type {
  NopCatalogPayload,
  NopCategoryPayload,
  NopCombinationPayload,
  NopDeletionPayload,
  NopImagePayload,
  NopManufacturerPayload,
  NopProductPayload,
  NopStockPayload,
  TwinToNopInput,
  TwinToNopOptions,
} from './lib/twin-to-nop';
export { previewArticle } from './lib/preview-article';
export type { ArticlePreview, FieldChange, FieldDiff, PreviewOptions } from './lib/preview-article';
export { nopOrderToTwin, twinOrderToPck } from './lib/order-mapping';
export type {
  NopOrderInput,
  NopOrderItemInput,
  NopOrderToTwinResult,
  PckOrderHints,
  TwinOrderToPckResult,
} from './lib/order-mapping';
export { compileRule, coerceRuleResult } from './lib/rules/rule-engine';
export type { CompiledRule, RuleLimits } from './lib/rules/rule-engine';
export {
  TENANT_OPTIONS_SCHEMA,
  validateTenantOptions,
  readTenantOptions,
  resolveTenantProfile,
  type TenantOptions,
  type OptionsValidation,
} from './lib/profile/tenant-options';
