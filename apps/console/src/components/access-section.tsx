import { useState } from 'preact/hooks';
import type { Tenant } from '../lib/api';
import { useApi } from '../lib/api-context';
import { ApiErrorCode } from '../lib/api-error';
import { formatTime } from '../lib/format';
import { useAction, useLoad } from '../lib/use-load';
import { ErrorMessage } from './error-message';

/**
 * Tilgang: the shop owner's own keys to this console (they see only this shop). Only the integrator may manage
 * them; with a shop owner's key the section is not shown.
 */
export function AccessSection({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const tokens = useLoad(() => api.tokens(tenant.id), [api, tenant.id]);
  const [name, setName] = useState('');
  const create = useAction(async () => {
    const created = await api.createToken(tenant.id, name.trim());
    setName('');
    tokens.reload();
    return created;
  });
  const revoke = useAction(async (tokenId: string) => {
    await api.revokeToken(tenant.id, tokenId);
    tokens.reload();
  });
  // Shown only once the API said this key may manage keys (a shop owner's key gets 403).
  if (tokens.error && (tokens.error.code === ApiErrorCode.Forbidden || tokens.error.code === ApiErrorCode.NotFound))
    return null;
  if (!tokens.data && !tokens.error) return null;

  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">Tilgang for butikken</h2>
      <p class="muted">En nøkkel gir butikkeieren tilgang til denne konsollen for bare denne butikken.</p>
      <ErrorMessage error={tokens.error} />
      {tokens.data && tokens.data.length > 0 ? (
        <ul>
          {tokens.data.map((k) => (
            <li key={k.id}>
              {k.name} – laget {formatTime(k.createdAt)}, sist brukt {formatTime(k.lastUsedAt)}
              {k.revokedAt ? (
                <span class="muted"> – trukket tilbake {formatTime(k.revokedAt)}</span>
              ) : (
                <>
                  {' '}
                  <button type="button" class="secondary" disabled={revoke.busy} onClick={() => void revoke.run(k.id)}>
                    Trekk tilbake
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void create.run();
        }}
      >
        <label for="token-name">Hvem er nøkkelen til?</label>
        <input
          id="token-name"
          type="text"
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
          placeholder="F.eks. Kari i butikken"
        />
        <div class="actions">
          <button type="submit" class="secondary" disabled={create.busy || !name.trim()}>
            Lag nøkkel
          </button>
        </div>
      </form>
      <ErrorMessage error={create.error ?? revoke.error} />
      {create.result ? (
        <div class="message info" role="status">
          Nøkkelen til {create.result.record.name} (vises bare nå):{' '}
          <span class="secret" data-testid="operator-token">
            {create.result.token}
          </span>
        </div>
      ) : null}
    </section>
  );
}
