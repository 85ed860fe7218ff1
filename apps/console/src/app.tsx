import { useMemo, useState } from 'preact/hooks';
import { AdminApi } from './lib/api';
import { ApiContext } from './lib/api-context';
import { useRoute } from './lib/use-route';
import { clearToken, loadToken, saveToken } from './lib/session';
import { LoginPage } from './pages/login-page';
import { NewTenantPage } from './pages/new-tenant-page';
import { OverviewPage } from './pages/overview-page';
import { TenantPage } from './pages/tenant-page';

export function App() {
  const [token, setToken] = useState<string | null>(() => loadToken());
  const api = useMemo(() => (token ? new AdminApi(token) : null), [token]);
  const route = useRoute();

  const logOut = () => {
    clearToken();
    setToken(null);
  };

  return (
    <>
      <a class="skip" href="#innhold">
        Hopp til innholdet
      </a>
      <header class="top">
        <a href="#/">PCKasse ↔ nettbutikk</a>
        <span class="spacer" />
        {api ? (
          <button type="button" onClick={logOut}>
            Logg ut
          </button>
        ) : null}
      </header>
      <main id="innhold" tabIndex={-1}>
        {!api ? (
          <LoginPage
            onLoggedIn={(t) => {
              saveToken(t);
              setToken(t);
            }}
          />
        ) : (
          <ApiContext.Provider value={api}>
            {route.page === 'overview' ? <OverviewPage /> : null}
            {route.page === 'new-tenant' ? <NewTenantPage /> : null}
            {route.page === 'tenant' ? (
              <TenantPage key={route.tenantId} tenantId={route.tenantId} tab={route.tab} onUnauthorized={logOut} />
            ) : null}
          </ApiContext.Provider>
        )}
      </main>
    </>
  );
}
