// Public face of @pcknop/nopcommerce-client.
export {
  NopClientError,
  NopErrorCode,
  describeNopErrorCode,
  errorTypeOf,
  isNopClientError,
} from './lib/nop-client-error';
export type { NopErrorType, NopClientErrorDetails } from './lib/nop-client-error';
export type { NopLogger, LogFn } from './lib/logger';
export {
  HttpTransport,
  parseRetryAfter,
  DEFAULT_SHOP_CONCURRENCY,
  DEFAULT_SHOP_TIMEOUT_MS,
} from './lib/http-transport';
export type {
  HttpMethod,
  RequestSpec,
  RetryOptions,
  CircuitBreakerOptions,
  TransportOptions,
  ShopExchange,
} from './lib/http-transport';
export { TokenManager } from './lib/token-manager';
export { jwtExpiryMs } from './lib/jwt-expiry';
export { IdList, idList, buildQuery } from './lib/query-string';
export { formatUtc, nopDateIso, parseNopDate } from './lib/nop-date';
export { paginate, collect, DEFAULT_PAGE_SIZE } from './lib/paging';
export { buildAttributesXml, parseAttributesXml, sameSelections } from './lib/attributes-xml';
export type { AttributeSelection } from './lib/attributes-xml';
export { decimalFromWire, decimalToWire, quantityToWire } from './lib/money';
export {
  NopWebApiClient,
  hasCombinationPictures,
  parseApiVersion,
  pictureUploadModeFor,
} from './lib/nop-web-api-client';
export type { NopClientOptions, ApiVersion } from './lib/nop-web-api-client';
export type { WithId } from './lib/endpoints/crud-endpoint';
export type { ProductSearch } from './lib/endpoints/catalog-endpoints';
export type { OrderSearch } from './lib/endpoints/order-endpoints';
export type { PictureUploadMode, InsertPictureArgs } from './lib/endpoints/media-endpoints';
export type { RegistrationOutcome } from './lib/endpoints/customer-endpoints';
export * from './lib/wire-types';
export type * from './lib/shop-adapter';
export type { ShopOrderDetails } from './lib/order-details';
export { WebApiBackendAdapter, pictureContentTag, slugify, taggedSeoFilename } from './lib/web-api-backend-adapter';
export type { WebApiBackendAdapterOptions } from './lib/web-api-backend-adapter';
