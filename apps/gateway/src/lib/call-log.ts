import type { Logger } from 'pino';
import type { CallLogEntry, CallLogRepository } from '@pcknop/staging-store';

/**
 * Writes the call log off the request path: entries are buffered and flushed in one statement at a time, so a
 * slow or failing database never delays or fails a PCK call. When the buffer is full the oldest are dropped (and
 * counted): the log is diagnostics, the staged state is the truth.
 */
export class CallLogWriter {
  private buffer: CallLogEntry[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  dropped = 0;

  constructor(
    private readonly repo: Pick<CallLogRepository, 'appendMany'>,
    private readonly logger: Logger,
    private readonly options: { maxBuffer?: number; batchSize?: number; delayMs?: number } = {},
  ) {}

  record(entry: CallLogEntry): void {
    const max = this.options.maxBuffer ?? 10_000;
    if (this.buffer.length >= max) {
      this.buffer.shift();
      this.dropped += 1;
    }
    this.buffer.push(entry);
    if (!this.timer && !this.flushing) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.options.delayMs ?? 50);
      this.timer.unref();
    }
  }

  /** Writes everything buffered (also used on shutdown). Never throws. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      while (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.options.batchSize ?? 500);
        try {
          await this.repo.appendMany(batch);
        } catch (error) {
          this.dropped += batch.length;
          this.logger.warn({ err: error, entries: batch.length }, 'call log write failed; entries dropped');
          break;
        }
      }
    })().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }
}
