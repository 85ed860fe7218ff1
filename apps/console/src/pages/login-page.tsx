import { useState } from 'preact/hooks';
import { AdminApi } from '../lib/api';
import { ApiError, ApiErrorCode } from '../lib/api-error';

/** Asks for the admin token (the integrator's ADMIN_TOKEN or a shop owner's operator token) and checks it. */
export function LoginPage({ onLoggedIn }: { onLoggedIn(token: string): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const t = token.trim();
    if (!t) {
      setError('Skriv inn nøkkelen.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await new AdminApi(t).listTenants();
      onLoggedIn(t);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : undefined;
      if (apiError?.code === ApiErrorCode.Unauthorized) setError('Nøkkelen ble ikke godtatt.');
      // The gateway mounts /admin only when ADMIN_TOKEN is set.
      else if (apiError?.code === ApiErrorCode.NotFound)
        setError('Administrasjonen er slått av på denne gatewayen (ADMIN_TOKEN er ikke satt).');
      else setError(apiError?.human ?? 'Innloggingen feilet.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="login-title" style={{ maxWidth: '34rem', margin: '2rem auto' }}>
      <h1 id="login-title">Logg inn</h1>
      <p class="muted">
        Bruk administrasjonsnøkkelen (integratoren) eller nøkkelen butikken har fått. Nøkkelen huskes bare i denne
        fanen.
      </p>
      <form onSubmit={submit}>
        <label for="token">Nøkkel</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
        {error ? (
          <div class="message error" role="alert">
            {error}
          </div>
        ) : null}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Sjekker …' : 'Logg inn'}
          </button>
        </div>
      </form>
    </section>
  );
}
