import {
  call,
  PckClient,
  PckQueue,
  ReportCollector,
  runScenario,
  initialTransfer,
  staticCalls,
  type PckCall,
} from '../src';
import { codeResult, okResult, startFakeGateway, type FakeAnswer, type Received } from './support/fake-gateway';

const TIME_SCALE = 1e-5; // 5 min → 3 ms, 1 h → 36 ms, 1 day → 864 ms

const size = (id: number): PckCall =>
  call('sendSize', { size: { sizeId: id, name: `S${id}`, timestamp: id } }, `size ${id}`);
const stockRow = (articleId: number, sizeColorId?: number): PckCall =>
  call(
    'updateStockCount',
    { updateStock: { articleId, sizeColorId, count: 3, stockDetails: [] } },
    `stock ${articleId}/${sizeColorId ?? '-'}`,
  );
const labelOf = (r: Received): string => {
  const p = r.payload as Record<string, { sizeId?: number; articleId?: number; sizeColorId?: number }>;
  if (r.operation === 'sendSize') return `size ${p['size'].sizeId}`;
  if (r.operation === 'updateStockCount')
    return `stock ${p['updateStock'].articleId}/${p['updateStock'].sizeColorId ?? '-'}`;
  return r.operation;
};

/** Answers by label: a list of answers consumed per label, then ok. */
async function scripted(script: Record<string, FakeAnswer[]>) {
  const gw = await startFakeGateway((r) => script[labelOf(r)]?.shift() ?? okResult());
  const client = new PckClient({ url: gw.url, login: 1, password: 'x' });
  const report = new ReportCollector('test', gw.url);
  const queue = new PckQueue(client, report, { timeScale: TIME_SCALE, maxAttempts: 4 });
  const order = (): string[] => gw.received.map(labelOf);
  const close = async (): Promise<void> => {
    await client.close();
    await gw.close();
  };
  return { gw, queue, report: report.report, order, close };
}

describe('PckQueue against a local HTTP server', () => {
  it('posts SOAP 1.1 with the PCK headers and credentials, one call at a time', async () => {
    const t = await scripted({});
    try {
      await Promise.all([1, 2, 3, 4, 5].map((i) => t.queue.enqueue([size(i)])));
      expect(t.order()).toEqual(['size 1', 'size 2', 'size 3', 'size 4', 'size 5']);
      expect(t.gw.maxInFlight()).toBe(1);
      const h = t.gw.received[0].headers;
      expect(h['content-type']).toBe('text/xml; charset=utf-8');
      expect(h['soapaction']).toBe('""');
      expect(t.gw.received[0].payload).toMatchObject({ login: 1, password: 'x' });
      expect(t.report.byOperation.sendSize).toMatchObject({ sent: 5, ok: 5 });
    } finally {
      await t.close();
    }
  });

  it('keeps working when calls are submitted one after another from awaiting code', async () => {
    const t = await scripted({});
    try {
      for (let i = 1; i <= 3; i++) expect((await t.queue.submit(size(i))).status).toBe('done');
      await t.queue.drain();
      expect(t.order()).toEqual(['size 1', 'size 2', 'size 3']);
    } finally {
      await t.close();
    }
  });

  it('re-queues on operationResult 2: the next item goes first, the failed one is resent later', async () => {
    const t = await scripted({ 'size 1': [codeResult(2, 'Prøv igjen snart')] });
    try {
      const results = await Promise.all([t.queue.enqueue([size(1)]), t.queue.enqueue([size(2)])]);
      expect(results.map((r) => r.status)).toEqual(['done', 'done']);
      expect(t.order()).toEqual(['size 1', 'size 2', 'size 1']);
      expect(t.report.retries).toBe(1);
      expect(t.report.byOperation.sendSize).toMatchObject({ sent: 3, ok: 2, retrySoon: 1 });
      expect(t.report.permanentErrors).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('waits longer on 3 and 4 than on 2 (1 h / 1 day vs 5 min, scaled)', async () => {
    const t = await scripted({ 'size 1': [codeResult(4)], 'size 2': [codeResult(3)], 'size 3': [codeResult(2)] });
    try {
      await Promise.all([1, 2, 3, 4].map((i) => t.queue.enqueue([size(i)])));
      expect(t.order()).toEqual(['size 1', 'size 2', 'size 3', 'size 4', 'size 3', 'size 2', 'size 1']);
      expect(t.report.byOperation.sendSize).toMatchObject({ retryTomorrow: 1, retryLater: 1, retrySoon: 1, ok: 4 });
    } finally {
      await t.close();
    }
  });

  it('records operationResult 1 as a permanent error with its humanErrorMessage and does not retry', async () => {
    const t = await scripted({ 'size 1': [codeResult(1, 'Størrelsen finnes ikke i nettbutikken')] });
    try {
      const r = await t.queue.enqueue([size(1)]);
      expect(r.status).toBe('failed');
      expect(t.order()).toEqual(['size 1']);
      expect(t.report.permanentErrors).toEqual([
        {
          operation: 'sendSize',
          label: 'size 1',
          operationResult: 1,
          humanErrorMessage: 'Størrelsen finnes ikke i nettbutikken',
          errorMessage: undefined,
        },
      ]);
      expect(t.report.retries).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('retries a SOAP fault and an HTTP error like operationResult 2', async () => {
    const t = await scripted({ 'size 1': [{ fault: 'Database nede' }], 'size 2': [{ http: 503 }] });
    try {
      await Promise.all([t.queue.enqueue([size(1)]), t.queue.enqueue([size(2)])]);
      expect(t.order()).toEqual(['size 1', 'size 2', 'size 1', 'size 2']);
      expect(t.report.byOperation.sendSize).toMatchObject({ fault: 1, httpError: 1, ok: 2 });
      expect(t.report.retries).toBe(2);
    } finally {
      await t.close();
    }
  });

  it('gives up after maxAttempts and reports the call as abandoned', async () => {
    const t = await scripted({ 'size 1': Array.from({ length: 10 }, () => codeResult(2)) });
    try {
      const r = await t.queue.enqueue([size(1)]);
      expect(r.status).toBe('abandoned');
      expect(t.order()).toHaveLength(4);
      expect(t.report.abandoned).toEqual([
        { operation: 'sendSize', label: 'size 1', attempts: 4, last: 'operationResult 2' },
      ]);
    } finally {
      await t.close();
    }
  });

  it('retries a refused connection', async () => {
    const gw = await startFakeGateway(() => okResult());
    const url = gw.url;
    await gw.close();
    const client = new PckClient({ url, login: 1, password: 'x' });
    const report = new ReportCollector('t', url);
    const queue = new PckQueue(client, report, { timeScale: TIME_SCALE, maxAttempts: 2 });
    try {
      const r = await queue.enqueue([size(1)]);
      expect(r.status).toBe('abandoned');
      expect(report.report.byOperation.sendSize).toMatchObject({ sent: 2, transport: 2 });
    } finally {
      await client.close();
    }
  });
});

describe('updateStockCount rows of one article (contract §2.4)', () => {
  const rows = (): PckCall[] => [stockRow(10), stockRow(10, 1), stockRow(10, 2), stockRow(10, 3)];

  it('stop at the first permanent error: later rows are not sent', async () => {
    const t = await scripted({ 'stock 10/1': [codeResult(1, 'Ukjent variant')] });
    try {
      const [r] = await Promise.all([t.queue.enqueue(rows()), t.queue.enqueue([size(1)])]);
      expect(r.status).toBe('failed');
      expect(t.order()).toEqual(['stock 10/-', 'stock 10/1', 'size 1']);
      expect(t.report.skipped).toBe(2);
      expect(t.report.permanentErrors.map((e) => e.label)).toEqual(['stock 10/1']);
    } finally {
      await t.close();
    }
  });

  it('stop at a temporary error, and resume at the failed row when it is retried', async () => {
    const t = await scripted({ 'stock 10/2': [codeResult(2)] });
    try {
      const [r] = await Promise.all([t.queue.enqueue(rows()), t.queue.enqueue([size(1)])]);
      expect(r.status).toBe('done');
      expect(t.order()).toEqual(['stock 10/-', 'stock 10/1', 'stock 10/2', 'size 1', 'stock 10/2', 'stock 10/3']);
      expect(t.report.skipped).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('runScenario', () => {
  it('sends every call of a scenario once against a gateway that accepts all, with progress', async () => {
    const gw = await startFakeGateway(() => okResult());
    const scenario = initialTransfer(9, 15);
    const events: [number, number][] = [];
    try {
      const report = await runScenario(scenario, {
        url: gw.url,
        login: 3,
        password: 'p',
        timeScale: TIME_SCALE,
        onProgress: (e) => events.push([e.done, e.total]),
      });
      const expected = staticCalls(scenario);
      expect(report.calls).toBe(expected.length);
      expect(gw.received.map((r) => r.operation)).toEqual(expected.map((c) => c.operation));
      expect(report.retries + report.skipped + report.permanentErrors.length).toBe(0);
      expect(events[events.length - 1]).toEqual([expected.length, expected.length]);
      expect(report.durationMs).toBeGreaterThanOrEqual(0);
    } finally {
      await gw.close();
    }
  });
});
