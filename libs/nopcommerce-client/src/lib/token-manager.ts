import { jwtExpiryMs } from './jwt-expiry';

export interface TokenInfo {
  token: string;
  /** Epoch ms from the JWT `exp`; undefined when the token carries none. */
  expiresAtMs?: number;
}

/**
 * Holds the JWT. nop has no refresh endpoint and no expiry in its reply, so the expiry comes from the JWT and
 * the token is fetched again `renewBeforeMs` ahead of it (zero clock skew on the server), or after a 401.
 * Concurrent callers share one in-flight login.
 */
export class TokenManager {
  private current?: TokenInfo;
  private inflight?: Promise<TokenInfo>;

  constructor(
    private readonly login: () => Promise<string>,
    private readonly now: () => number,
    private readonly renewBeforeMs: number,
  ) {}

  async get(): Promise<string> {
    const c = this.current;
    if (c && (c.expiresAtMs === undefined || this.now() < c.expiresAtMs - this.renewBeforeMs)) return c.token;
    return (await this.refresh()).token;
  }

  /** Forget `token` (after a 401) unless another caller already replaced it. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private refresh(): Promise<TokenInfo> {
    if (!this.inflight) {
      this.inflight = this.login()
        .then((token) => {
          this.current = { token, expiresAtMs: jwtExpiryMs(token) };
          return this.current;
        })
        .finally(() => {
          this.inflight = undefined;
        });
    }
    return this.inflight;
  }
}
