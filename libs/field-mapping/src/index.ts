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
