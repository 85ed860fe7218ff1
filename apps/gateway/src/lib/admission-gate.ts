export interface AdmissionGateOptions {
  /** Requests being read or parsed at once (default 256). */
  maxRequests: number;
  /** Bytes of request bodies held at once, counted from what each may grow to (default 128 MiB). */
  maxBytes: number;
  /**
   * Bodies up to this size count against `maxRequests` only (default 64 KiB): PCK's own calls are this small, so a
   * flood of large bodies cannot crowd a till out.
   */
  smallBodyBytes: number;
}

export const DEFAULT_ADMISSION: AdmissionGateOptions = {
  maxRequests: 256,
  maxBytes: 128 * 1024 * 1024,
  smallBodyBytes: 64 * 1024,
};

/** A place taken in the gate; `release` is idempotent. */
export interface AdmissionTicket {
  release(): void;
}

/**
 * Bounds the memory spent on requests before anyone is authenticated: a request is let in only while the count of
 * requests and the bytes their bodies may grow to stay within the limits; otherwise it is refused at once (the
 * caller answers 503 with Retry-After) instead of queueing and inflating.
 */
export class AdmissionGate {
  private requests = 0;
  private bytes = 0;

  constructor(private readonly o: AdmissionGateOptions = DEFAULT_ADMISSION) {}

  /** A ticket for a body that may grow to `bodyBytes`, or undefined when the gate is full. */
  tryEnter(bodyBytes: number): AdmissionTicket | undefined {
    const counted = bodyBytes > this.o.smallBodyBytes ? bodyBytes : 0;
    if (this.requests >= this.o.maxRequests) return undefined;
    if (counted > 0 && this.bytes + counted > this.o.maxBytes) return undefined;
    this.requests += 1;
    this.bytes += counted;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.requests -= 1;
        this.bytes -= counted;
      },
    };
  }

  /** Requests and bytes in flight now (metrics, tests). */
  get inFlight(): { requests: number; bytes: number } {
    return { requests: this.requests, bytes: this.bytes };
  }
}
