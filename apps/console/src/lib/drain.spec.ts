import fc from 'fast-check';
import { nextDrain, PROGRESS_POLL_MS, type Drain } from './drain';

describe('the progress bar of a drain', () => {
  it('polls at least every 2 s', () => {
    expect(PROGRESS_POLL_MS).toBeLessThanOrEqual(2000);
  });

  it('fills as the backlog shrinks and is full when it is empty', () => {
    let d = nextDrain(null, 500);
    expect(d).toEqual({ total: 500, done: 0 });
    d = nextDrain(d, 350);
    expect(d).toEqual({ total: 500, done: 150 });
    d = nextDrain(d, 0);
    expect(d).toEqual({ total: 500, done: 500 });
    // Then a new drain starts from what arrives next.
    expect(nextDrain(d, 20)).toEqual({ total: 20, done: 0 });
  });

  it('grows the whole when more arrives while draining, never going backwards', () => {
    let d = nextDrain(null, 100);
    d = nextDrain(d, 60);
    d = nextDrain(d, 160); // 100 more arrived
    expect(d.done).toBe(40);
    expect(d.total).toBe(200);
  });

  it('always keeps 0 ≤ done ≤ total and done + pending = total while draining', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 50 }), (pendings) => {
        let d: Drain | null = null;
        for (const p of pendings) {
          d = nextDrain(d, p);
          expect(d.done).toBeGreaterThanOrEqual(0);
          expect(d.done).toBeLessThanOrEqual(d.total);
          expect(d.total - d.done).toBe(p);
        }
      }),
    );
  });
});
