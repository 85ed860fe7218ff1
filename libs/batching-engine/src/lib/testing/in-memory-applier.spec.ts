import { describeApplierContract } from './applier-contract';
import { InMemoryApplier } from './in-memory-applier';
import { inMemoryProbe } from './in-memory-probe';
import { InMemoryShop } from './in-memory-shop';

describeApplierContract('in-memory testing applier', async () => {
  const shop = new InMemoryShop();
  return { applier: new InMemoryApplier(shop), probe: inMemoryProbe(shop), close: async () => undefined };
});
