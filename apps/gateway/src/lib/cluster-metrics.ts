import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

const REQUEST = 'pcknop:cluster-metrics?';
const REPLY = 'pcknop:cluster-metrics';

interface MetricsRequest {
  type: typeof REQUEST;
  id: string;
}
interface MetricsReply {
  type: typeof REPLY;
  id: string;
  text?: string;
  error?: string;
}

/**
 * In the primary of GATEWAY_WORKERS > 1: answers a worker's request for the whole cluster's metrics with prom-client's
 * aggregation of every worker's registry (counters and histograms summed; see each metric's `aggregator`).
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    const m = message as Partial<MetricsRequest> | null;
    if (m?.type !== REQUEST || typeof m.id !== 'string') return;
    const id = m.id;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: REPLY, id, text } satisfies MetricsReply),
      (error: Error) => worker.send({ type: REPLY, id, error: error.message } satisfies MetricsReply),
    );
  });
}

/**
 * In a worker: `registry` is what this worker contributes, and the returned function gives the whole cluster's
 * metrics (whichever worker the scrape lands on), or this worker's own when the primary does not answer in time.
 */
export function clusterMetricsSource(registry: Registry, timeoutMs = 5000): (local: Registry) => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one installs prom-client's worker-side listener that answers the primary's collection requests.
  new AggregatorRegistry();
  return (local) =>
    new Promise((resolve) => {
      const id = randomUUID();
      const done = (text?: string) => {
        clearTimeout(timer);
        process.off('message', onMessage);
        if (text !== undefined) resolve(text);
        else void local.metrics().then(resolve);
      };
      const onMessage = (message: unknown) => {
        const m = message as Partial<MetricsReply> | null;
        if (m?.type === REPLY && m.id === id) done(m.text);
      };
      const timer = setTimeout(() => done(), timeoutMs);
      process.on('message', onMessage);
      process.send?.({ type: REQUEST, id } satisfies MetricsRequest);
    });
}
