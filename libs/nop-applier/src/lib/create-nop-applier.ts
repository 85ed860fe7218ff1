import { WebApiBackendAdapter, type NopLogger, type ShopExchange } from '@pcknop/nopcommerce-client';
import { DEFAULT_RECORD_CONCURRENCY, NopApplier } from './nop-applier';

/** Parallel requests to one shop while flushing: more than a single client's default, the flush is the bulk writer. */
export const DEFAULT_FLUSH_SHOP_CONCURRENCY = 8;

export interface ShopConnection {
  baseUrl: string;
  email: string;
  password: string;
  /** Parallel requests to the shop (default DEFAULT_FLUSH_SHOP_CONCURRENCY). */
  maxConcurrency?: number;
  /** Records in parallel within a stage (default DEFAULT_RECORD_CONCURRENCY). */
  recordConcurrency?: number;
  timeoutMs?: number;
  logger?: NopLogger;
  /** Every HTTP exchange with the shop (metrics). */
  onExchange?(exchange: ShopExchange): void;
}

/** A NopApplier with its own Web API Backend adapter for one shop. */
export function createNopApplier(shop: ShopConnection): NopApplier {
  const adapter = new WebApiBackendAdapter({
    baseUrl: shop.baseUrl,
    credentials: { email: shop.email, password: shop.password },
    maxConcurrency: shop.maxConcurrency ?? DEFAULT_FLUSH_SHOP_CONCURRENCY,
    timeoutMs: shop.timeoutMs,
    logger: shop.logger,
    onExchange: shop.onExchange,
  });
  return new NopApplier({ adapter, concurrency: shop.recordConcurrency ?? DEFAULT_RECORD_CONCURRENCY });
}
