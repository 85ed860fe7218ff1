// Public face of @pcknop/nop-applier: the nopCommerce implementation of the batching engine's Applier.
export { NopApplier, DEFAULT_RECORD_CONCURRENCY, type NopApplierOptions } from './lib/nop-applier';
export { createNopApplier, DEFAULT_FLUSH_SHOP_CONCURRENCY, type ShopConnection } from './lib/create-nop-applier';
export { NopApplierError, NopApplierErrorCode, describeNopApplierErrorCode } from './lib/nop-applier.exception';
export { nopProbe } from './lib/nop-probe';
export { shopFaultOf } from './lib/shop-fault-of';
export * from './lib/reconcile';
