import { useState } from 'preact/hooks';
import type { PckCredentials as Credentials, Tenant } from '../lib/api';
import { useApi } from '../lib/api-context';
import { hrefOf } from '../lib/router';
import { useAction } from '../lib/use-load';
import { ErrorMessage } from '../components/error-message';
import { PckCredentials } from '../components/secret-once';

/** Ny butikk: name, PCK login (or generated), the shop's address and Web API login. */
export function NewTenantPage() {
  const api = useApi();
  const [name, setName] = useState('');
  const [pckLogin, setPckLogin] = useState('');
  const [shopUrl, setShopUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const create = useAction((input: Parameters<typeof api.createTenant>[0]) => api.createTenant(input));
  const [created, setCreated] = useState<{ tenant: Tenant; credentials: Credentials } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    if (!name.trim()) return setFormError('Gi butikken et navn.');
    const login = pckLogin.trim() === '' ? undefined : Number(pckLogin);
    if (login !== undefined && (!Number.isInteger(login) || login < 1))
      return setFormError('PCK-login må være et helt tall.');
    if ((email === '') !== (password === ''))
      return setFormError('Skriv både e-post og passord for nettbutikkens API, eller ingen av dem.');
    const result = await create.run({
      name: name.trim(),
      ...(login !== undefined ? { pckLogin: login } : {}),
      shopUrl: shopUrl.trim() || null,
      shop: email ? { email: email.trim(), password } : null,
    });
    if (result) setCreated(result);
  };

  if (created) {
    return (
      <section class="panel" aria-labelledby="created-title">
        <h1 id="created-title">«{created.tenant.name}» er opprettet</h1>
        <PckCredentials login={created.credentials.pckLogin} password={created.credentials.pckPassword} />
        <div class="actions">
          <a class="button" href={hrefOf({ page: 'tenant', tenantId: created.tenant.id, tab: 'oppsett' })}>
            Gå til oppsett
          </a>
          <a class="button secondary" href={hrefOf({ page: 'overview' })}>
            Til oversikten
          </a>
        </div>
      </section>
    );
  }

  const field = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
  return (
    <section class="panel" aria-labelledby="new-title">
      <h1 id="new-title">Ny butikk</h1>
      <form onSubmit={submit} noValidate>
        <label for="name">Navn</label>
        <input id="name" type="text" value={name} onInput={field(setName)} required />
        <label for="pckLogin">
          PCK-login <span class="hint">(tall; la stå tomt for å få et nytt)</span>
        </label>
        <input id="pckLogin" type="number" inputMode="numeric" value={pckLogin} onInput={field(setPckLogin)} />
        <label for="shopUrl">
          Nettbutikkens adresse <span class="hint">(https://…)</span>
        </label>
        <input id="shopUrl" type="url" value={shopUrl} onInput={field(setShopUrl)} placeholder="https://butikk.no" />
        <label for="shopEmail">E-post for nettbutikkens Web API</label>
        <input id="shopEmail" type="email" autocomplete="off" value={email} onInput={field(setEmail)} />
        <label for="shopPassword">Passord for nettbutikkens Web API</label>
        <input
          id="shopPassword"
          type="password"
          autocomplete="new-password"
          value={password}
          onInput={field(setPassword)}
        />
        {formError ? (
          <div class="message error" role="alert">
            {formError}
          </div>
        ) : null}
        <ErrorMessage error={create.error} what="Kunne ikke opprette butikken" />
        <div class="actions">
          <button type="submit" disabled={create.busy}>
            {create.busy ? 'Oppretter …' : 'Opprett butikk'}
          </button>
          <a class="button secondary" href={hrefOf({ page: 'overview' })}>
            Avbryt
          </a>
        </div>
      </form>
    </section>
  );
}
