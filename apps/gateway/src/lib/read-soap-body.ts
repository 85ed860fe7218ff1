import { finished } from 'node:stream';
import express, { type Request, type RequestHandler } from 'express';
import getRawBody from 'raw-body';

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

/**
 * Reads a SOAP request body into `req.body` (a Buffer), at most `limit` bytes. PCK sends plain bodies: those are read
 * with raw-body directly, skipping body-parser's per-request type, charset and async-context work (a few percent of
 * a sendArticle's CPU). A compressed body (Content-Encoding) goes through express.raw, which inflates it. Errors are
 * raw-body's either way (`type: 'entity.too.large'`, status 413, …), for the endpoint's error handler.
 */
export function readSoapBody(limit: number): RequestHandler {
  const inflating = express.raw({ type: () => true, limit });
  return (req, res, next) => {
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      inflating(req, res, next);
      return;
    }
    getRawBody(req, { length: req.headers['content-length'], limit }, (error, body) => {
      if (error) {
        dump(req, () => next(error));
        return;
      }
      req.body = body;
      next();
    });
  };
}
