/** Hard limits applied to every request before and while parsing. */
export interface ParseLimits {
  /** Maximum body size in bytes (UTF-8). Default 32 MiB: base64 images of several MB fit. */
  maxBytes: number;
  /** Maximum element nesting depth. Default 64 (real requests need about 7). */
  maxDepth: number;
  /** Maximum number of elements. Default 250 000 (an article with thousands of variants fits). */
  maxElements: number;
  /** IANA zone used for xs:dateTime values without a zone. Default Europe/Oslo (PCK runs there). */
  localTimeZone: string;
}

export const DEFAULT_LIMITS: ParseLimits = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 250_000,
  localTimeZone: 'Europe/Oslo',
});

export function resolveLimits(limits?: Partial<ParseLimits>): ParseLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}
