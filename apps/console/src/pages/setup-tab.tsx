import { useEffect, useState } from 'preact/hooks';
import type { Tenant } from '../lib/api';
import { useApi } from '../lib/api-context';
import { DEFAULT_SAMPLE, sampleArticle, type SampleArticleInput } from '../lib/sample-article';
import { settingsOf, settingsProblem, type ShopSettings } from '../lib/shop-settings';
import { useAction } from '../lib/use-load';
import { ErrorMessage } from '../components/error-message';
import { PckCredentials } from '../components/secret-once';
import { PreviewView } from '../components/preview-view';
import { AccessSection } from '../components/access-section';

/** Oppsett: PCK login, the shop connection with «Test tilkobling», the profile as a form, and a live preview. */
export function SetupTab({ tenant, onChanged }: { tenant: Tenant; onChanged(): void }) {
  return (
    <>
      <PckSection tenant={tenant} />
      <ShopSection tenant={tenant} onChanged={onChanged} />
      <ProfileSection tenant={tenant} onChanged={onChanged} />
      <AccessSection tenant={tenant} />
    </>
  );
}

function PckSection({ tenant }: { tenant: Tenant }) {
  const api = useApi();
  const rotate = useAction(() => api.rotatePckPassword(tenant.id));
  return (
    <section aria-labelledby="pck-title">
      <h2 id="pck-title">PCKasse</h2>
      <PckCredentials login={tenant.pckLogin} password={rotate.result?.pckPassword} />
      {!rotate.result ? (
        <p class="muted">
          Passordet vises bare når det lages. Har butikken mistet det, lag et nytt og skriv det inn i PCKasse.
        </p>
      ) : null}
      <ErrorMessage error={rotate.error} what="Kunne ikke lage nytt passord" />
      <div class="actions">
        <button type="button" class="secondary" disabled={rotate.busy} onClick={() => void rotate.run()}>
          Lag nytt PCK-passord
        </button>
      </div>
    </section>
  );
}

function ShopSection({ tenant, onChanged }: { tenant: Tenant; onChanged(): void }) {
  const api = useApi();
  const [url, setUrl] = useState(tenant.shopUrl ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const patch: Record<string, unknown> = { shopUrl: url.trim() || null };
    if (email || password) patch['shop'] = { email: email.trim(), password };
    const t = await api.patchTenant(tenant.id, patch);
    setPassword('');
    onChanged();
    return t;
  });
  const test = useAction(() => api.testConnection(tenant.id));

  return (
    <section aria-labelledby="shop-title">
      <h2 id="shop-title">Nettbutikken</h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(false);
          test.reset();
          if (await save.run()) setSaved(true);
        }}
      >
        <label for="setup-shopUrl">Adresse</label>
        <input
          id="setup-shopUrl"
          type="url"
          value={url}
          onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
          placeholder="https://butikk.no"
        />
        <label for="setup-shopEmail">
          E-post for Web API{' '}
          <span class="hint">
            {tenant.hasShopCredentials ? '(lagret; skriv bare for å endre)' : '(ikke lagret ennå)'}
          </span>
        </label>
        <input
          id="setup-shopEmail"
          type="email"
          autocomplete="off"
          value={email}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
        />
        <label for="setup-shopPassword">Passord for Web API</label>
        <input
          id="setup-shopPassword"
          type="password"
          autocomplete="new-password"
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        />
        <ErrorMessage error={save.error} what="Kunne ikke lagre" />
        {saved ? (
          <div class="message ok" role="status">
            Lagret.
          </div>
        ) : null}
        <div class="actions">
          <button type="submit" disabled={save.busy}>
            Lagre butikk
          </button>
          <button
            type="button"
            class="secondary"
            disabled={test.busy}
            onClick={() => {
              setSaved(false);
              void test.run();
            }}
          >
            {test.busy ? 'Tester …' : 'Test tilkobling'}
          </button>
        </div>
      </form>
      <ErrorMessage error={test.error} what="Testen kunne ikke kjøres" />
      {test.result ? (
        <div class={`message ${test.result.ok ? 'ok' : 'error'}`} role="status" data-testid="connection-result">
          <strong>{test.result.summary}</strong>
          <ul class="steps">
            {test.result.steps.map((step) => (
              <li key={step.step}>
                <span aria-hidden="true">{step.ok ? '✔' : '✘'}</span>{' '}
                <span class="sr-only">{step.ok ? 'OK:' : 'Feil:'}</span> {step.message}
                {step.detail ? <div class="mono muted">{step.detail}</div> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Radio<T extends string>({
  name,
  value,
  current,
  onChange,
  children,
}: {
  name: string;
  value: T;
  current: T;
  onChange(v: T): void;
  children: string;
}) {
  return (
    <label class="choice">
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => onChange(value)} />
      {children}
    </label>
  );
}

function ProfileSection({ tenant, onChanged }: { tenant: Tenant; onChanged(): void }) {
  const api = useApi();
  const [s, setS] = useState<ShopSettings>(() => settingsOf(tenant));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [sample, setSample] = useState<SampleArticleInput>(DEFAULT_SAMPLE);
  const set =
    <K extends keyof ShopSettings>(key: K) =>
    (value: ShopSettings[K]) => {
      setSaved(false);
      setS((old) => ({ ...old, [key]: value }));
    };
  const save = useAction(async () => {
    const t = await api.saveSettings(tenant, s);
    onChanged();
    return t;
  });
  const preview = useAction(() => api.preview(tenant.id, sampleArticle(sample)));
  // The preview follows what is saved: run it on open and after each save.
  useEffect(() => {
    void preview.run();
  }, [tenant.updatedAt]);

  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">Hva som sendes til butikken</h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const p = settingsProblem(s);
          setProblem(p);
          if (p) return;
          if (await save.run()) setSaved(true);
        }}
      >
        <div class="grid2">
          <fieldset>
            <legend>Kategorier i butikken</legend>
            <Radio name="groupSource" value="varegrupper" current={s.groupSource} onChange={set('groupSource')}>
              Varegrupper
            </Radio>
            <Radio name="groupSource" value="webgrupper" current={s.groupSource} onChange={set('groupSource')}>
              Webgrupper
            </Radio>
            <Radio name="groupSource" value="none" current={s.groupSource} onChange={set('groupSource')}>
              Ingen grupper
            </Radio>
          </fieldset>
          <fieldset>
            <legend>Bilder</legend>
            <label class="choice">
              <input
                type="checkbox"
                checked={s.images}
                onChange={(e) => set('images')((e.target as HTMLInputElement).checked)}
              />
              Send bilder til butikken
            </label>
          </fieldset>
          <fieldset>
            <legend>Varianter (størrelse og farge)</legend>
            <Radio name="variantMode" value="ownProducts" current={s.variantMode} onChange={set('variantMode')}>
              Egne produkter
            </Radio>
            <Radio name="variantMode" value="combinations" current={s.variantMode} onChange={set('variantMode')}>
              Kombinasjoner på ett produkt
            </Radio>
          </fieldset>
          <fieldset>
            <legend>Kunde på ordre til PCKasse</legend>
            <Radio name="customerMode" value="webshopCustomer" current={s.customerMode} onChange={set('customerMode')}>
              Alle ordre på «Webshop kunde»
            </Radio>
            {s.customerMode === 'webshopCustomer' ? (
              <>
                <label for="webshopCustomerId">Kundenummer til «Webshop kunde» i PCKasse</label>
                <input
                  id="webshopCustomerId"
                  type="number"
                  inputMode="numeric"
                  value={s.webshopCustomerId ?? ''}
                  onInput={(e) => {
                    const n = Number((e.target as HTMLInputElement).value);
                    set('webshopCustomerId')(Number.isInteger(n) && n > 0 ? n : null);
                  }}
                />
              </>
            ) : null}
            <Radio name="customerMode" value="customerPerOrder" current={s.customerMode} onChange={set('customerMode')}>
              Ny kunde per ordre
            </Radio>
          </fieldset>
          <fieldset>
            <legend>Vare slettet i PCKasse</legend>
            <Radio name="removal" value="unpublish" current={s.removal} onChange={set('removal')}>
              Skjul i butikken
            </Radio>
            <Radio name="removal" value="delete" current={s.removal} onChange={set('removal')}>
              Slett i butikken
            </Radio>
          </fieldset>
        </div>
        {problem ? (
          <div class="message error" role="alert">
            {problem}
          </div>
        ) : null}
        <ErrorMessage error={save.error} what="Kunne ikke lagre oppsettet" />
        {saved ? (
          <div class="message ok" role="status">
            Oppsettet er lagret. Endringer gjelder det PCKasse sender fra nå; send alt på nytt fra PCKasse for å
            oppdatere eksisterende varer.
          </div>
        ) : null}
        <div class="actions">
          <button type="submit" disabled={save.busy}>
            Lagre oppsett
          </button>
        </div>
      </form>

      <h3 id="preview-title">Forhåndsvisning av én vare</h3>
      <form
        aria-labelledby="preview-title"
        onSubmit={(e) => {
          e.preventDefault();
          void preview.run();
        }}
      >
        <div class="grid2">
          <div>
            <label for="pv-no">Varenummer</label>
            <input
              id="pv-no"
              type="text"
              value={sample.articleNo}
              onInput={(e) => setSample({ ...sample, articleNo: (e.target as HTMLInputElement).value })}
            />
            <label for="pv-name">Navn</label>
            <input
              id="pv-name"
              type="text"
              value={sample.name}
              onInput={(e) => setSample({ ...sample, name: (e.target as HTMLInputElement).value })}
            />
            <label for="pv-price">Pris (inkl. mva)</label>
            <input
              id="pv-price"
              type="text"
              inputMode="decimal"
              value={sample.price}
              onInput={(e) => setSample({ ...sample, price: (e.target as HTMLInputElement).value })}
            />
          </div>
          <div>
            <label for="pv-ag">Varegruppe</label>
            <input
              id="pv-ag"
              type="text"
              value={sample.articleGroupName}
              onInput={(e) => setSample({ ...sample, articleGroupName: (e.target as HTMLInputElement).value })}
            />
            <label for="pv-wg">Webgruppe</label>
            <input
              id="pv-wg"
              type="text"
              value={sample.webGroupName}
              onInput={(e) => setSample({ ...sample, webGroupName: (e.target as HTMLInputElement).value })}
            />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="secondary" disabled={preview.busy}>
            Vis hva varen blir
          </button>
        </div>
      </form>
      <ErrorMessage error={preview.error} what="Forhåndsvisningen feilet" />
      {preview.result ? <PreviewView preview={preview.result} /> : null}
    </section>
  );
}
