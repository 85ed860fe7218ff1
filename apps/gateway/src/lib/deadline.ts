import { GatewayError, GatewayErrorCode } from './gateway.exception';

/**
 * Resolves with `work`, or rejects with DeadlineExceeded after `ms`. The work itself is not cancelled: every
 * handler is idempotent, so a late completion only means PCK's retry finds the work done.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  // One promise and one timer per call (it runs for every PCK call): no race() or finally() chains.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new GatewayError(GatewayErrorCode.DeadlineExceeded, undefined, { technical: `no answer within ${ms} ms` }),
        ),
      ms,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
