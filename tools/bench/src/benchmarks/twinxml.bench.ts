import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { decodeTwinXml, encodeTwinXml } from '@pcknop/twinxml';
import { defineBenchmark, percentile, type Figure } from '../harness';
import { benchDocument, writeBenchDocument } from './twinxml-fixtures';

const MB = 1024 * 1024;

function timeMs(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

interface ChildReport {
  records: number;
  seconds: number;
  idleRss: number;
  peakRss: number;
  peakHeap: number;
}

/** Bundles the child with esbuild so it runs on plain node: tsx's loader alone costs ~30 MB of RSS. */
function bundleChild(dir: string): string {
  const outfile = join(dir, 'stream-child.js');
  buildSync({
    entryPoints: [join(__dirname, 'twinxml-stream-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile,
    tsconfig: join(__dirname, '..', '..', '..', '..', 'tsconfig.base.json'),
    logLevel: 'silent',
  });
  return outfile;
}

function streamInChild(child: string, file: string): ChildReport {
  const result = spawnSync(process.execPath, ['--expose-gc', child, file], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`stream child failed: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() as string) as ChildReport;
}

export default defineBenchmark({
  name: 'twinxml',
  description: 'TwinXML encode+decode vs raw fast-xml-parser build+parse; streaming decoder peak memory',
  async run({ quick, progress }): Promise<Figure[]> {
    const products = quick ? 2_000 : 10_000;
    const rounds = quick ? 3 : 5;
    const doc = benchDocument(products);
    const xml = encodeTwinXml(doc);
    const size = Buffer.byteLength(xml) / MB;
    progress(`${products} products, ${size.toFixed(1)} MB`);

    // Raw baseline: the same library with the same options on the same document, without the
    // model mapping, validation and hardening.
    const parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      parseTagValue: false,
      trimValues: false,
      processEntities: false,
      ignoreDeclaration: true,
      cdataPropName: '#cdata',
    });
    const builder = new XMLBuilder({
      preserveOrder: true,
      ignoreAttributes: false,
      format: true,
      indentBy: '  ',
      processEntities: false,
    });
    const tree = parser.parse(xml) as unknown[];
    const ours: number[] = [];
    const raw: number[] = [];
    for (let r = 0; r < rounds + 1; r++) {
      // Alternate to spread machine noise over both; round 0 warms up.
      const tRaw = timeMs(() => parser.parse(builder.build(tree) as string));
      const tOurs = timeMs(() => decodeTwinXml(encodeTwinXml(doc)));
      if (r > 0) {
        raw.push(tRaw);
        ours.push(tOurs);
      }
      progress(`round ${r}: twinxml ${tOurs.toFixed(0)} ms, raw ${tRaw.toFixed(0)} ms`);
    }
    const oursMbps = size / (percentile(ours, 50) / 1000);
    const rawMbps = size / (percentile(raw, 50) / 1000);

    const streamProducts = quick ? 20_000 : 100_000;
    const smallProducts = streamProducts / 10;
    const dir = mkdtempSync(join(tmpdir(), 'twinxml-bench-'));
    let big: ChildReport;
    let small: ChildReport;
    let bigMb: number;
    try {
      const smallFile = join(dir, 'small.xml');
      const bigFile = join(dir, 'big.xml');
      await writeBenchDocument(smallFile, smallProducts);
      bigMb = (await writeBenchDocument(bigFile, streamProducts)) / MB;
      progress(`streaming ${streamProducts} products (${bigMb.toFixed(0)} MB) in a child process`);
      const child = bundleChild(dir);
      small = streamInChild(child, smallFile);
      big = streamInChild(child, bigFile);
      if (big.records !== streamProducts || small.records !== smallProducts)
        throw new Error('streamed record count mismatch');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    return [
      {
        name: `encode+decode throughput, ${products} products`,
        value: oursMbps,
        unit: 'MB/s',
        better: 'higher',
        baseline: { name: 'raw fast-xml-parser build+parse', value: rawMbps },
        goal: '≥ 0.5 of raw',
        goalMet: oursMbps / rawMbps >= 0.5,
      },
      {
        name: `encode+decode p50, ${products} products`,
        value: percentile(ours, 50),
        unit: 'ms',
        better: 'lower',
        baseline: { name: 'raw fast-xml-parser build+parse', value: percentile(raw, 50) },
      },
      {
        name: `streaming decode peak RSS, ${streamProducts} products (${bigMb.toFixed(0)} MB)`,
        value: big.peakRss / MB,
        unit: 'MB',
        better: 'lower',
        baseline: { name: `same, ${smallProducts} products`, value: small.peakRss / MB },
        goal: 'flat, ≤ 100 MB',
        goalMet: big.peakRss / MB <= 100 && big.peakRss <= small.peakRss * 1.25,
      },
      {
        name: 'streaming decode peak heap used',
        value: big.peakHeap / MB,
        unit: 'MB',
        better: 'lower',
        baseline: { name: 'idle RSS of the child process', value: big.idleRss / MB },
      },
      {
        name: 'streaming decode throughput',
        value: bigMb / big.seconds,
        unit: 'MB/s',
        better: 'higher',
        baseline: { name: 'whole-document encode+decode', value: oursMbps },
      },
    ];
  },
});
