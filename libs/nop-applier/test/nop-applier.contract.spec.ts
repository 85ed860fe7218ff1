import { describeApplierContract } from '@pcknop/batching-engine';
import { NopWebApiClient, WebApiBackendAdapter } from '@pcknop/nopcommerce-client';
import { startNopSim } from '@pcknop/nop-sim';
import { NopApplier, nopProbe } from '../src';

describeApplierContract(
  'nopCommerce applier against the simulator',
  async () => {
    const sim = await startNopSim({ port: 0, seed: 11 });
    const credentials = { email: 'admin@nop-sim.local', password: 'admin' };
    const adapter = new WebApiBackendAdapter({ baseUrl: sim.url, credentials });
    const reader = new NopWebApiClient({ baseUrl: sim.url, credentials });
    const childSkus = async (productId: number): Promise<string[]> =>
      sim.state
        .products()
        .filter((p) => p.parent_grouped_product_id === productId && !p.deleted)
        .map((p) => String(p.sku));
    return {
      applier: new NopApplier({ adapter }),
      probe: nopProbe(reader, childSkus),
      close: async () => {
        await adapter.close();
        await reader.close();
        await sim.close();
      },
    };
  },
  { timeoutMs: 30_000 },
);
