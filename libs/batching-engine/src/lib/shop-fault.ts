/**
 * Why a shop cannot take a batch at all — errors about the shop, not about one record. While such an error lasts
 * the tenant's flush pauses (growing back-off) and no record counts an attempt.
 */
export enum ShopFaultCode {
  /** 401: the API account's login is refused (password changed, account locked or deactivated). */
  Auth = 'auth',
  /** 403: the API account lacks the Web API permission. */
  Forbidden = 'forbidden',
  /** 429, or the shop's rate limiter. */
  RateLimited = 'rate-limited',
  /** 5xx. */
  Server = 'server',
  /** No answer in time. */
  Timeout = 'timeout',
  /** Connection refused or dropped, DNS, TLS. */
  Unreachable = 'unreachable',
  /** The shop client stopped calling after repeated failures (circuit open). */
  CircuitOpen = 'circuit-open',
}

export interface ShopFault {
  code: ShopFaultCode;
  /** Technical detail (logs, the pause's `detail`). */
  message: string;
  /** The shop's Retry-After, when it sent one. */
  retryAfterMs?: number;
}

/** For the shop owner, in Norwegian: why changes wait (the admin API and console show it). */
export function describeShopFault(code: ShopFaultCode): string {
  switch (code) {
    case ShopFaultCode.Auth:
      return 'Nettbutikken avviser innloggingen til API-brukeren (401). Sjekk brukernavn og passord for nettbutikken.';
    case ShopFaultCode.Forbidden:
      return 'API-brukeren mangler tilgang i nettbutikken (403). Gi brukeren rettigheten «Access Web API Backend».';
    case ShopFaultCode.RateLimited:
      return 'Nettbutikken ber oss vente (for mange forespørsler, 429). Endringene sendes når den tar imot igjen.';
    case ShopFaultCode.Server:
      return 'Nettbutikken svarer med serverfeil (5xx). Endringene venter og sendes når butikken svarer igjen.';
    case ShopFaultCode.Timeout:
      return 'Nettbutikken svarer ikke i tide. Endringene venter og sendes når butikken svarer igjen.';
    case ShopFaultCode.Unreachable:
      return 'Får ikke kontakt med nettbutikken (tilkoblingen feiler). Sjekk adressen og at butikken kjører.';
    case ShopFaultCode.CircuitOpen:
      return 'Nettbutikken har feilet gjentatte ganger; kall er stanset en stund. Endringene sendes når den svarer igjen.';
    default: {
      const never: never = code;
      return String(never);
    }
  }
}

/** Errors that say the shop is down whatever record was sent; the others (5xx, timeouts, refused) are confirmed by a probe. */
export function isCertainShopFault(code: ShopFaultCode): boolean {
  return (
    code === ShopFaultCode.Auth ||
    code === ShopFaultCode.Forbidden ||
    code === ShopFaultCode.RateLimited ||
    code === ShopFaultCode.CircuitOpen
  );
}

/** Which of several faults tells the operator most (a 401 says more than the circuit it opened). */
export function mostTelling(faults: readonly ShopFault[]): ShopFault | undefined {
  const order = [
    ShopFaultCode.Auth,
    ShopFaultCode.Forbidden,
    ShopFaultCode.RateLimited,
    ShopFaultCode.Unreachable,
    ShopFaultCode.Timeout,
    ShopFaultCode.Server,
    ShopFaultCode.CircuitOpen,
  ];
  return [...faults].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))[0];
}
