/** How often Fremdrift asks the gateway (the issue asks for at least every 2 s). */
export const PROGRESS_POLL_MS = 1000;

/**
 * A drain as the progress bar shows it: the largest backlog seen since the page opened (or since the queue was
 * last empty) is the whole, what has left the queue since is done.
 */
export interface Drain {
  total: number;
  done: number;
}

export function nextDrain(previous: Drain | null, pending: number): Drain {
  // An empty queue closes a drain; the next change starts a new one.
  if (!previous || previous.total === 0 || previous.done >= previous.total) return { total: pending, done: 0 };
  const total = Math.max(previous.total, pending + previous.done, pending);
  return { total, done: Math.max(0, total - pending) };
}
