export { startNopSim, DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_PASSWORD, DEFAULT_PORT } from './lib/server';
export type { NopSim, NopSimOptions, FaultControl } from './lib/server';
export type { FaultSettings } from './lib/faults';
export type { SimVersion } from './lib/dto-spec';
export type { SimInspector, SeedOrderInput, SeedOrderItem, SeededOrder, AddCustomerInput } from './lib/inspect';
export type { FinalPriceQuery } from './lib/pricing';
export type { SimClock } from './lib/clock';
export { NopSimError, NopSimErrorCode } from './lib/nop-sim.exception';
