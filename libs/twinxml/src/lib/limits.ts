/** Hardening limits for decoding untrusted TwinXML. */
export interface TwinXmlLimits {
  /** Maximum input size in bytes (UTF-8). */
  maxBytes: number;
  /** Maximum element nesting depth, the root being at depth 1. The schema itself needs 6. */
  maxDepth: number;
  /** Maximum number of elements in the document. */
  maxElements: number;
  /**
   * Streaming only: maximum size of one record, and of any run of text (whitespace, comments)
   * between records (bounds the decoder's memory).
   */
  maxRecordBytes: number;
  /** Stop collecting issues after this many. */
  maxIssues: number;
}

export const DEFAULT_DECODE_LIMITS: TwinXmlLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 16,
  maxElements: 20_000_000,
  maxRecordBytes: 32 * 1024 * 1024,
  maxIssues: 100,
};

/** Streaming keeps memory flat, so its size and element limits are far higher by default. */
export const DEFAULT_STREAM_LIMITS: TwinXmlLimits = {
  ...DEFAULT_DECODE_LIMITS,
  maxBytes: 64 * 1024 * 1024 * 1024,
  maxElements: Number.MAX_SAFE_INTEGER,
};

export function resolveLimits(defaults: TwinXmlLimits, limits?: Partial<TwinXmlLimits>): TwinXmlLimits {
  return { ...defaults, ...limits };
}
