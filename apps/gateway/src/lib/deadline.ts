import { GatewayError, GatewayErrorCode } from './gateway.exception';

/**
 * Resolves with `work`, or rejects with DeadlineExceeded after `ms`. The work itself is not cancelled: every
 * handler is idempotent, so a late completion only means PCK's retry finds the work done.
 */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GatewayError(GatewayErrorCode.DeadlineExceeded, undefined, { cause: new Error(`no answer within ${ms} ms`) })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
