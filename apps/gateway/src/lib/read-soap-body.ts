import { finished, Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import getRawBody from 'raw-body';
import type { AdmissionGate, AdmissionTicket } from './admission-gate';

export interface SoapBodyLimits {
  /** Largest body, after inflating (bytes). */
  maxBytes: number;
  /** Largest inflated/compressed ratio of a compressed body (a zip bomb inflates ~1000:1; real XML ~5-20:1). */
  maxCompressionRatio: number;
}

/** The error the endpoint's error handler answers (raw-body's shape: `type`, `status`). */
export class BodyRefused extends Error {
  constructor(
    readonly type: 'entity.too.large' | 'compression.ratio' | 'encoding.unsupported' | 'server.busy',
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * raw-body stops reading at an error (too large, aborted); the rest of the request is read off and dropped before
 * answering, as body-parser does, so a keep-alive connection is ready for the caller's next request.
 */
function dump(req: Request, done: () => void): void {
  if (req.readableEnded) {
    done();
    return;
  }
  finished(req, () => done());
  req.resume();
}

function inflaterFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/** Counts compressed bytes in; the inflater's output is checked against ratio × that count. */
class CountingStream extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

class RatioGuard extends Transform {
  private out = 0;
  constructor(
    private readonly input: CountingStream,
    private readonly ratio: number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.out += chunk.length;
    // A small allowance so tiny bodies (headers of the gzip format dominate) are never refused.
    if (this.out > Math.max(this.input.bytes, 1024) * this.ratio) {
      done(
        new BodyRefused(
          'compression.ratio',
          413,
          `The compressed body inflates more than ${this.ratio} times its size (Forespørselen er for sterkt komprimert).`,
        ),
      );
      return;
    }
    done(null, chunk);
  }
}

const TICKET = Symbol('admission ticket');
type WithTicket = Response & { [TICKET]?: AdmissionTicket };

/** Frees the request's place in the admission gate (once its body has been parsed and dropped). */
export function releaseBody(res: Response): void {
  (res as WithTicket)[TICKET]?.release();
}

function declaredLength(req: Request): number | undefined {
  const raw = req.headers['content-length'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Reads a SOAP request body into `req.body` (a Buffer), at most `maxBytes` after inflating, after taking a place in
 * the admission gate for what the body may grow to (its Content-Length; for a compressed body that times the ratio
 * limit; the size limit when no length is given). A full gate refuses at once with `server.busy` (503), before a
 * byte is read. PCK sends plain bodies: those are read with raw-body directly. A compressed body is inflated here,
 * stopping at the size limit or when it inflates past the ratio limit. Errors are passed on for the endpoint's
 * error handler; the place is freed when the answer is sent, or earlier with `releaseBody`.
 */
export function readSoapBody(limits: SoapBodyLimits, gate: AdmissionGate): RequestHandler {
  return (req, res, next) => {
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    const compressed = encoding !== 'identity';
    const declared = declaredLength(req);
    const mayGrowTo = Math.min(
      limits.maxBytes,
      declared === undefined
        ? limits.maxBytes
        : compressed
          ? Math.max(declared, 1024) * limits.maxCompressionRatio
          : declared,
    );
    const ticket = gate.tryEnter(mayGrowTo);
    if (!ticket) {
      next(
        new BodyRefused(
          'server.busy',
          503,
          'The gateway is busy; try again shortly (Integrasjonen er opptatt, prøv igjen om litt).',
        ),
      );
      return;
    }
    (res as WithTicket)[TICKET] = ticket;
    res.once('close', () => ticket.release());
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      dump(req, () => next(error));
    };
    if (!compressed) {
      getRawBody(req, { length: declared, limit: limits.maxBytes }, (error, body) => {
        if (error) return fail(error);
        req.body = body;
        next();
      });
      return;
    }
    const inflater = inflaterFor(encoding);
    if (!inflater) {
      fail(new BodyRefused('encoding.unsupported', 415, `Content-Encoding ${encoding} is not supported.`));
      return;
    }
    const counter = new CountingStream();
    const guard = new RatioGuard(counter, limits.maxCompressionRatio);
    const stop = (error: Error) => {
      req.unpipe(counter);
      counter.destroy();
      inflater.destroy();
      guard.destroy();
      fail(error);
    };
    counter.on('error', stop);
    inflater.on('error', (e: Error) =>
      stop(
        Object.assign(new BodyRefused('encoding.unsupported', 400, `The ${encoding} body cannot be inflated.`), {
          cause: e,
        }),
      ),
    );
    req.pipe(counter).pipe(inflater).pipe(guard);
    getRawBody(guard, { limit: limits.maxBytes }, (error, body) => {
      if (error) return stop(error);
      req.body = body;
      next();
    });
  };
}
