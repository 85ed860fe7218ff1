// Child process of twinxml.bench.ts: streams a TwinXML file and reports its peak memory as JSON.
// Run in a fresh process so the figure is not polluted by the parent's heap.
import { createReadStream } from 'node:fs';
import { streamTwinXml } from '@pcknop/twinxml';

async function main(): Promise<void> {
  const file = process.argv[2];
  global.gc?.();
  const idle = process.memoryUsage();
  let peakRss = idle.rss;
  let peakHeap = idle.heapUsed;
  let records = 0;
  const started = process.hrtime.bigint();
  for await (const event of streamTwinXml(createReadStream(file, { highWaterMark: 64 * 1024 }))) {
    if (event.kind === 'product' && ++records % 500 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  }
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ records, seconds, idleRss: idle.rss, peakRss, peakHeap }) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
