/** The PCK login and password to type into PCKasse's «Webshop oppsett»; the password is shown only this once. */
export function PckCredentials({ login, password }: { login: number; password?: string }) {
  const wsdl = `${location.origin}/WebshopWS?wsdl`;
  return (
    <div class="message info" role="status">
      <p>
        <strong>Skriv dette inn i PCKasse under «Webshop oppsett»:</strong>
      </p>
      <dl>
        <dt>Adresse (WSDL)</dt>
        <dd>
          <span class="secret" data-testid="pck-wsdl">
            {wsdl}
          </span>
        </dd>
        <dt>Login</dt>
        <dd>
          <span class="secret" data-testid="pck-login">
            {login}
          </span>
        </dd>
        {password ? (
          <>
            <dt>Passord</dt>
            <dd>
              <span class="secret" data-testid="pck-password">
                {password}
              </span>
              <div class="hint">Passordet vises bare nå. Skriv det ned eller lim det rett inn i PCKasse.</div>
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
