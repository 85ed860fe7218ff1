import { WebApiBackendAdapter, type NopLogger, type ShopExchange } from '@pcknop/nopcommerce-client';
import { NopApplier } from './nop-applier';

export interface ShopConnection {
  baseUrl: string;
  email: string;
  password: string;
  /** Parallel requests to the shop (default 8). */
  maxConcurrency?: number;
  /** Records in parallel within a stage (default 4). */
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
    maxConcurrency: shop.maxConcurrency ?? 8,
    timeoutMs: shop.timeoutMs ?? 30_000,
    logger: shop.logger,
    onExchange: shop.onExchange,
  });
  return new NopApplier({ adapter, concurrency: shop.recordConcurrency ?? 4 });
}
