// Public face of @pcknop/nop-applier: the nopCommerce implementation of the batching engine's Applier.
export { NopApplier, type NopApplierOptions } from './lib/nop-applier';
export { createNopApplier, type ShopConnection } from './lib/create-nop-applier';
export { NopApplierError, NopApplierErrorCode, describeNopApplierErrorCode } from './lib/nop-applier.exception';
export { nopProbe } from './lib/nop-probe';
export { shopFaultOf } from './lib/shop-fault-of';
export * from './lib/reconcile';
