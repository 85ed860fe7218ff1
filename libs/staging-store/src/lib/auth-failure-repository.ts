import type { Pool } from 'pg';

/** What a failure counter is kept for: one PCK login, or one source address. */
export type AuthFailureScope = 'login' | 'address';

export interface AuthFailureKey {
  scope: AuthFailureScope;
  subject: string;
}

export interface AuthFailureCount extends AuthFailureKey {
  /** Failures in the current window, this one included. */
  failures: number;
}

/**
 * Wrong-password counters shared by every gateway process and replica. Each failure is one statement that upserts
 * all its counters; concurrent failures on the same counter serialise on its row, so each sees its own count (ten
 * parallel guesses count ten, not one).
 */
export class AuthFailureRepository {
  constructor(private readonly db: Pool) {}

  /** Counts one failure against every key (a new window when the last one is older than `windowMs`). */
  async recordFailure(keys: readonly AuthFailureKey[], windowMs: number): Promise<AuthFailureCount[]> {
    if (keys.length === 0) return [];
    const r = await this.db.query<{ scope: AuthFailureScope; subject: string; failures: number }>(
      `INSERT INTO auth_failure AS f (scope, subject, failures)
       SELECT scope, subject, 1 FROM unnest($1::text[], $2::text[]) AS k(scope, subject)
       ON CONFLICT (scope, subject) DO UPDATE SET
         failures = CASE WHEN f.window_starts_at < now() - make_interval(secs => $3::float8 / 1000) THEN 1 ELSE f.failures + 1 END,
         window_starts_at = CASE WHEN f.window_starts_at < now() - make_interval(secs => $3::float8 / 1000) THEN now() ELSE f.window_starts_at END,
         last_failure_at = now()
       RETURNING scope, subject, failures`,
      [keys.map((k) => k.scope), keys.map((k) => k.subject), windowMs],
    );
    return r.rows;
  }

  /** Failures in the current window per key (0 when none). */
  async count(key: AuthFailureKey, windowMs: number): Promise<number> {
    const r = await this.db.query<{ failures: number }>(
      `SELECT failures FROM auth_failure
       WHERE scope = $1 AND subject = $2 AND window_starts_at >= now() - make_interval(secs => $3::float8 / 1000)`,
      [key.scope, key.subject, windowMs],
    );
    return r.rows[0]?.failures ?? 0;
  }

  /** Forgets counters whose window ended; returns how many. */
  async prune(windowMs: number): Promise<number> {
    const r = await this.db.query(
      `DELETE FROM auth_failure WHERE window_starts_at < now() - make_interval(secs => $1::float8 / 1000)`,
      [windowMs],
    );
    return r.rowCount ?? 0;
  }
}
