import { createTestStore } from '../testing';
import { StageCoalescer } from './coalesce-stage-calls';
import type { EntityChange, EntityRepository, StageRequest, StagedEntity } from './entity-repository';
import type { Repositories } from './repositories';

type StageMany = Pick<EntityRepository, 'stageMany'>;

/** Forwards to the real repository and records every statement the coalescer sends. */
class RecordingRepository implements StageMany {
  readonly statements: StageRequest[][] = [];
  constructor(private readonly inner: StageMany) {}
  stageMany(requests: readonly StageRequest[]): Promise<StagedEntity[][]> {
    this.statements.push([...requests]);
    return this.inner.stageMany(requests);
  }
}

/** Forwards to the real repository, but holds the statements chosen by `hold` until the test releases them. */
class HoldingRepository implements StageMany {
  readonly statements: StageRequest[][] = [];
  private readonly forwarded: Array<Promise<unknown>> = [];
  private readonly gates: Array<() => void> = [];
  constructor(
    private readonly inner: StageMany,
    private readonly hold: (index: number) => boolean,
  ) {}
  async stageMany(requests: readonly StageRequest[]): Promise<StagedEntity[][]> {
    const index = this.statements.push([...requests]) - 1;
    if (this.hold(index)) await new Promise<void>((resolve) => this.gates.push(resolve));
    const result = this.inner.stageMany(requests);
    this.forwarded.push(result.catch(() => undefined));
    return result;
  }
  /** Lets every held statement go on to the database. */
  release(): void {
    this.gates.splice(0).forEach((go) => go());
  }
  /** Resolves when every statement forwarded so far has finished (the database ran them first). */
  async forwardedSettled(): Promise<void> {
    await Promise.all(this.forwarded);
  }
}

const entityIds = (statement: readonly StageRequest[]) =>
  statement.flatMap((r) => r.changes.map((c) => `${r.tenantId}|${c.kind}|${c.key}`));
const rowsOf = (statement: readonly StageRequest[]) => statement.reduce((n, r) => n + r.changes.length, 0);
/** Each statement as its requests' tenant and keys (the coalescer may hand changes on in a prepared form). */
const shapeOf = (statements: readonly StageRequest[][]) =>
  statements.map((s) => s.map((r) => ({ tenantId: r.tenantId, keys: r.changes.map((c) => c.key) })));
const requestOf = (tenantId: string, changes: readonly EntityChange[]) => ({
  tenantId,
  keys: changes.map((c) => c.key),
});

describe('StageCoalescer', () => {
  let ctx: Awaited<ReturnType<typeof createTestStore>>;
  let repos: Repositories;
  let tenantA: string;
  let tenantB: string;
  let serial = 0;
  const fresh = (label: string) => `${label}:${++serial}`;
  const product = (key: string, name: string, ts: number): EntityChange => ({
    kind: 'product',
    key,
    record: { name },
    pckTimestamp: BigInt(ts),
  });
  const created = (changes: readonly EntityChange[]): StagedEntity[] =>
    changes.map((c) => ({ kind: c.kind, key: c.key, outcome: 'created' }));
  const recordOf = async (tenantId: string, key: string) =>
    (await repos.entities.get(tenantId, 'product', [key]))[0]?.record;

  beforeAll(async () => {
    ctx = await createTestStore();
    repos = ctx.repos;
    tenantA = (await repos.tenants.create({ name: 'Coalescer A', pckLogin: 6001, pckPassword: 'a' })).id;
    tenantB = (await repos.tenants.create({ name: 'Coalescer B', pckLogin: 6002, pckPassword: 'b' })).id;
  });
  afterAll(() => ctx.close());

  it('sends a lone call at once, in a statement of its own', async () => {
    const recorder = new RecordingRepository(repos.entities);
    const coalescer = new StageCoalescer(recorder);
    const change = product(fresh('lone'), 'alene', 1);
    const pending = coalescer.stage(tenantA, [change]);
    // Sent before anything was awaited: no timer, no waiting for company.
    expect(shapeOf(recorder.statements)).toEqual([[requestOf(tenantA, [change])]]);
    expect(coalescer.waiting).toBe(0);
    expect(await pending).toEqual(created([change]));
    expect(recorder.statements).toHaveLength(1);
  });

  it.each([
    [1, [1, 29]],
    [2, [1, 1, 28]],
  ])('shares statements among calls that arrive while %i statement(s) are in flight', async (maxInFlight, sizes) => {
    const recorder = new RecordingRepository(repos.entities);
    const coalescer = new StageCoalescer(recorder, { maxInFlight });
    const base = fresh('burst');
    const calls = Array.from({ length: 30 }, (_, i) => ({
      tenantId: i % 2 === 0 ? tenantA : tenantB,
      changes: [product(`${base}:${i}`, `p${i}`, 1)],
    }));
    const pending = calls.map((c) => coalescer.stage(c.tenantId, c.changes));
    // The first maxInFlight calls went at once; the rest wait for a statement to finish.
    expect(coalescer.waiting).toBe(30 - maxInFlight);
    const results = await Promise.all(pending);
    results.forEach((out, i) => expect(out).toEqual(created(calls[i].changes)));
    expect(recorder.statements.map((s) => s.length)).toEqual(sizes);
    expect(coalescer.waiting).toBe(0);
    for (const [i, c] of calls.entries())
      expect(await recordOf(c.tenantId, c.changes[0].key)).toEqual({ name: `p${i}` });
  });

  /**
   * Calls for x, y, z and w of tenant A (and x of tenant B), timestamps rising in arrival order. With one statement
   * in flight: call 5 must wait (its y is taken), and call 6 for w alone must then wait behind it, not overtake it.
   */
  const orderedCalls = () => {
    const [x, y, z, w] = ['x', 'y', 'z', 'w'].map((n) => fresh(`order-${n}`));
    const calls: Array<{ tenantId: string; changes: EntityChange[] }> = [
      { tenantId: tenantA, changes: [product(x, 'x1', 1)] },
      { tenantId: tenantA, changes: [product(x, 'x2', 2), product(y, 'y2', 2)] },
      { tenantId: tenantB, changes: [product(x, 'x2 of B', 2)] }, // another tenant's x: another entity
      { tenantId: tenantA, changes: [product(z, 'z3', 3)] },
      { tenantId: tenantA, changes: [product(x, 'x4', 4)] },
      { tenantId: tenantA, changes: [product(y, 'y5', 5), product(w, 'w5', 5)] },
      { tenantId: tenantA, changes: [product(w, 'w6', 6)] },
      { tenantId: tenantA, changes: [product(x, 'x7', 7), product(z, 'z7', 7)] },
    ];
    return { x, y, z, w, calls };
  };
  /** What `orderedCalls` leaves staged when every entity keeps its newest call. */
  const expectNewestRecordsStaged = async ({ x, y, z, w }: Record<'x' | 'y' | 'z' | 'w', string>) => {
    expect(await recordOf(tenantA, x)).toEqual({ name: 'x7' });
    expect(await recordOf(tenantA, y)).toEqual({ name: 'y5' });
    expect(await recordOf(tenantA, z)).toEqual({ name: 'z7' });
    expect(await recordOf(tenantA, w)).toEqual({ name: 'w6' });
    expect(await recordOf(tenantB, x)).toEqual({ name: 'x2 of B' });
  };
  const expectNoEntityTwiceInAStatement = (statements: readonly StageRequest[][]) => {
    for (const statement of statements) {
      const ids = entityIds(statement);
      expect(new Set(ids).size).toBe(ids.length);
    }
  };

  it('never puts two calls for one entity in one statement, and stages them in arrival order', async () => {
    const recorder = new RecordingRepository(repos.entities);
    const coalescer = new StageCoalescer(recorder, { maxInFlight: 1 });
    const { x, y, z, w, calls } = orderedCalls();
    const results = await Promise.all(calls.map((c) => coalescer.stage(c.tenantId, c.changes)));

    expectNoEntityTwiceInAStatement(recorder.statements);
    expect(recorder.statements.length).toBeLessThan(calls.length); // some calls did share a statement
    // Each call for an entity found the previous one stored: nothing overtook, nothing was stale.
    const outcomesOf = (key: string, tenantId = tenantA) =>
      calls.flatMap((c, i) =>
        c.tenantId === tenantId ? results[i].filter((o) => o.key === key).map((o) => o.outcome) : [],
      );
    expect(outcomesOf(x)).toEqual(['created', 'updated', 'updated', 'updated']);
    expect(outcomesOf(y)).toEqual(['created', 'updated']);
    expect(outcomesOf(z)).toEqual(['created', 'updated']);
    expect(outcomesOf(w)).toEqual(['created', 'updated']);
    expect(outcomesOf(x, tenantB)).toEqual(['created']);
    await expectNewestRecordsStaged({ x, y, z, w });
  });

  it('never puts two calls for one entity in one statement with several statements in flight, and the newest stays', async () => {
    const recorder = new RecordingRepository(repos.entities);
    const coalescer = new StageCoalescer(recorder, { maxInFlight: 2 });
    const { x, y, z, w, calls } = orderedCalls();
    const results = await Promise.all(calls.map((c) => coalescer.stage(c.tenantId, c.changes)));
    expectNoEntityTwiceInAStatement(recorder.statements);
    results.forEach((out, i) => expect(out.map((o) => o.key)).toEqual(calls[i].changes.map((c) => c.key)));
    await expectNewestRecordsStaged({ x, y, z, w });
  });

  // With several statements in flight, a call for an entity that a running statement names must wait for it: sent
  // at once in a second statement, the database might run the later call first. Here the wrapper would let a second
  // statement finish before the first reaches the database (as a second connection may); on a timestamp tie the
  // later call must still win, as it does one call after the other.
  it('does not send a call for an entity while an earlier statement naming it is still running (maxInFlight 2)', async () => {
    const holding = new HoldingRepository(repos.entities, (index) => index === 0);
    const coalescer = new StageCoalescer(holding, { maxInFlight: 2 });
    const key = fresh('tie-order');
    const first = coalescer.stage(tenantA, [product(key, 'first', 100)]);
    const second = coalescer.stage(tenantA, [product(key, 'second', 100)]);
    const sentWhileFirstRuns = shapeOf(holding.statements);
    await holding.forwardedSettled();
    holding.release();
    const outcomes = [(await first)[0].outcome, (await second)[0].outcome];
    expect({ outcomes, stored: await recordOf(tenantA, key) }).toEqual({
      outcomes: ['created', 'updated'],
      stored: { name: 'second' },
    });
    expect(sentWhileFirstRuns).toEqual([[requestOf(tenantA, [product(key, 'first', 100)])]]);
  });

  it('sends two waiting calls for one entity one after the other, not in two statements at once (maxInFlight 2)', async () => {
    // Statements 0 and 1 (two unrelated calls) fill both slots; B and then C, both for x, wait. B's statement is held.
    const holding = new HoldingRepository(repos.entities, (index) => index <= 2);
    const coalescer = new StageCoalescer(holding, { maxInFlight: 2 });
    const [p, q, x] = ['p', 'q', 'x'].map((n) => fresh(`queued-${n}`));
    const blockers = [coalescer.stage(tenantA, [product(p, 'p', 1)]), coalescer.stage(tenantA, [product(q, 'q', 1)])];
    const b = coalescer.stage(tenantA, [product(x, 'B', 100)]);
    const c = coalescer.stage(tenantA, [product(x, 'C', 100)]);
    expect(coalescer.waiting).toBe(2);
    // Let the two unrelated statements run; B's statement is sent (and held), C must wait for B to finish.
    holding.release();
    await Promise.all(blockers);
    await new Promise((resolve) => setImmediate(resolve)); // the coalescer's own follow-up turns run first
    const sentForX = holding.statements.filter((s) => s.some((r) => r.changes.some((ch) => ch.key === x))).length;
    await holding.forwardedSettled();
    holding.release();
    const outcomes = [(await b)[0].outcome, (await c)[0].outcome];
    expect({ outcomes, stored: await recordOf(tenantA, x) }).toEqual({
      outcomes: ['created', 'updated'],
      stored: { name: 'C' },
    });
    expect(sentForX).toBe(1); // C waited for B's statement to finish
  });

  it('keeps a statement within maxRows unless a single call is bigger', async () => {
    const recorder = new RecordingRepository(repos.entities);
    const coalescer = new StageCoalescer(recorder, { maxInFlight: 1, maxRows: 5 });
    const base = fresh('rows');
    const call = (n: number, size: number) =>
      Array.from({ length: size }, (_, j) => product(`${base}:${n}:${j}`, `r${n}.${j}`, 1));
    const sizes = [1, 2, 2, 2, 7, 2, 1, 3, 2, 2];
    const calls = sizes.map((size, n) => ({ tenantId: n % 3 === 0 ? tenantB : tenantA, changes: call(n, size) }));
    const results = await Promise.all(calls.map((c) => coalescer.stage(c.tenantId, c.changes)));
    results.forEach((out, i) => expect(out).toEqual(created(calls[i].changes)));

    for (const statement of recorder.statements) {
      if (statement.length > 1) expect(rowsOf(statement)).toBeLessThanOrEqual(5);
    }
    expect(recorder.statements.some((s) => s.length > 1)).toBe(true);
    expect(shapeOf(recorder.statements.filter((s) => s.some((r) => r.changes.length === 7)))).toEqual([
      [requestOf(calls[4].tenantId, calls[4].changes)],
    ]);
    expect(recorder.statements.flat()).toHaveLength(calls.length); // each call sent exactly once
  });

  it('fails only the call whose record cannot be stored; the others in its statement resolve and are durable', async () => {
    // jsonb has no \u0000: the plain repository refuses such a record.
    const poison = (key: string): EntityChange => ({
      kind: 'product',
      key,
      record: { name: 'a\u0000b' },
      pckTimestamp: 1n,
    });
    await expect(repos.entities.stage(tenantA, [poison(fresh('poison-alone'))])).rejects.toThrow(
      /Unicode escape sequence/,
    );

    const recorder = new RecordingRepository(repos.entities);
    const coalescer = new StageCoalescer(recorder, { maxInFlight: 1 });
    const ahead = [product(fresh('ahead'), 'først', 1)];
    const good1 = [product(fresh('good'), 'god 1', 1)];
    const bad = [product(fresh('fine-part'), 'ok del', 1), poison(fresh('poison'))];
    const good2 = [product(fresh('good'), 'god 2', 1)];
    const pending = [
      coalescer.stage(tenantA, ahead),
      coalescer.stage(tenantA, good1),
      coalescer.stage(tenantA, bad),
      coalescer.stage(tenantB, good2),
    ];
    const settled = await Promise.allSettled(pending);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toEqual(
      expect.objectContaining({ message: expect.stringMatching(/Unicode escape sequence/) }),
    );
    expect(settled[1]).toEqual({ status: 'fulfilled', value: created(good1) });
    expect(settled[3]).toEqual({ status: 'fulfilled', value: created(good2) });
    // The three waiting calls shared one statement; when it failed, each was sent again on its own.
    const [aheadRequest, good1Request, badRequest, good2Request] = [
      requestOf(tenantA, ahead),
      requestOf(tenantA, good1),
      requestOf(tenantA, bad),
      requestOf(tenantB, good2),
    ];
    expect(shapeOf(recorder.statements)).toEqual([
      [aheadRequest],
      [good1Request, badRequest, good2Request],
      [good1Request],
      [badRequest],
      [good2Request],
    ]);
    expect(await recordOf(tenantA, good1[0].key)).toEqual({ name: 'god 1' });
    expect(await recordOf(tenantB, good2[0].key)).toEqual({ name: 'god 2' });
    // The failed call is all or nothing: its good part was not stored either.
    expect(
      await repos.entities.get(
        tenantA,
        'product',
        bad.map((c) => c.key),
      ),
    ).toEqual([]);
    expect(coalescer.waiting).toBe(0);
  });

  it.each([
    ['rejects', (error: Error) => Promise.reject(error)],
    [
      'throws synchronously',
      (error: Error): Promise<never> => {
        throw error;
      },
    ],
  ])('rejects every waiting call when the repository %s, and keeps working afterwards', async (_label, fail) => {
    let down = true;
    let attempts = 0;
    const flaky: StageMany = {
      stageMany: (requests) => {
        if (!down) return repos.entities.stageMany(requests);
        attempts += 1;
        return fail(new Error('database down'));
      },
    };
    const coalescer = new StageCoalescer(flaky, { maxInFlight: 1 });
    const calls = Array.from({ length: 5 }, (_, i) => [product(fresh('down'), `d${i}`, 1)]);
    const settled = await Promise.allSettled(calls.map((c) => coalescer.stage(tenantA, c)));
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : 'fulfilled'))).toEqual(
      Array(5).fill('database down'),
    );
    expect(attempts).toBe(6); // the lone first call, the shared statement, then each of its four calls alone
    expect(coalescer.waiting).toBe(0);
    for (const c of calls) expect(await recordOf(tenantA, c[0].key)).toBeUndefined();

    down = false;
    const again = [product(fresh('up'), 'oppe igjen', 1)];
    expect(await coalescer.stage(tenantA, again)).toEqual(created(again));
    const burst = Array.from({ length: 3 }, (_, i) => [product(fresh('up'), `u${i}`, 1)]);
    expect(await Promise.all(burst.map((c) => coalescer.stage(tenantB, c)))).toEqual(burst.map(created));
    expect(await recordOf(tenantA, again[0].key)).toEqual({ name: 'oppe igjen' });
  });
});
