import { lookup as dnsLookup } from 'node:dns/promises';

export type DiagnosisStepName = 'url' | 'dns' | 'connect' | 'plugin' | 'login' | 'permission';

/** One check of the shop connection, in words a technician can act on (Norwegian), with the technical detail. */
export interface DiagnosisStep {
  step: DiagnosisStepName;
  ok: boolean;
  message: string;
  detail?: string;
}

export interface ShopDiagnosis {
  ok: boolean;
  /** The first failed step's message, or that everything works. */
  summary: string;
  steps: DiagnosisStep[];
  /** The Web API plugin's version, when the shop told it. */
  apiVersion?: string;
}

export interface DiagnosisOptions {
  timeoutMs?: number;
  /** DNS resolution (tests inject failures). */
  lookup?: (host: string) => Promise<unknown>;
}

const TLS_CODES =
  /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO$|HOSTNAME_MISMATCH)/;

function causeCode(error: unknown): string {
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return (error as Error)?.name === 'TimeoutError' ? 'TIMEOUT' : '';
}

const message = (error: unknown): string => {
  const parts: string[] = [];
  let e: unknown = error;
  for (let i = 0; i < 4 && e instanceof Error; i++) {
    parts.push(e.message);
    e = e.cause;
  }
  return parts.join(': ');
};

/**
 * Tests a shop connection step by step — URL, DNS, TCP/TLS, the Web API Backend plugin, the API user's login,
 * and the «Access Web API Backend» permission — and stops at the first failure, saying in words what failed.
 */
export async function diagnoseShop(
  shopUrl: string | null,
  credentials: { email: string; password: string } | null,
  options: DiagnosisOptions = {},
): Promise<ShopDiagnosis> {
  const steps: DiagnosisStep[] = [];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const done = (extra: Partial<ShopDiagnosis> = {}): ShopDiagnosis => {
    const failed = steps.find((s) => !s.ok);
    return { ok: !failed, summary: failed ? failed.message : 'Tilkoblingen til nettbutikken virker.', steps, ...extra };
  };
  let url: URL;
  try {
    if (!shopUrl) throw new Error('no shop URL');
    url = new URL(shopUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`protocol ${url.protocol}`);
    steps.push({ step: 'url', ok: true, message: `Adressen ${url.origin} er gyldig.` });
  } catch (error) {
    steps.push({
      step: 'url',
      ok: false,
      message: 'Nettbutikkens adresse mangler eller er ugyldig (må være http(s)://…).',
      detail: message(error),
    });
    return done();
  }
  if (!credentials) {
    steps.push({
      step: 'login',
      ok: false,
      message: 'API-brukerens e-post og passord for nettbutikken er ikke lagt inn.',
    });
    return done();
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    await (options.lookup ?? dnsLookup)(host);
    steps.push({ step: 'dns', ok: true, message: `Navnet ${host} finnes.` });
  } catch (error) {
    steps.push({
      step: 'dns',
      ok: false,
      message: `DNS: fant ikke navnet «${host}». Sjekk skrivemåten på adressen.`,
      detail: `${causeCode(error)} ${message(error)}`.trim(),
    });
    return done();
  }
  const base = url.toString().replace(/\/+$/, '');
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });

  let version: Response;
  try {
    version = await get('/swagger-backend/CommonInfo/GetSwaggerDocVersion');
    steps.push({
      step: 'connect',
      ok: true,
      message:
        url.protocol === 'https:' ? 'Sikker forbindelse (TLS) til nettbutikken er i orden.' : 'Nettbutikken svarer.',
    });
  } catch (error) {
    const code = causeCode(error);
    if (TLS_CODES.test(code)) {
      steps.push({
        step: 'connect',
        ok: false,
        message:
          'TLS: den sikre forbindelsen feilet (sertifikatet er ugyldig, utløpt eller serveren snakker ikke https).',
        detail: `${code} ${message(error)}`,
      });
    } else if (code === 'TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
      steps.push({
        step: 'connect',
        ok: false,
        message: `Nettbutikken svarte ikke innen ${Math.round(timeoutMs / 1000)} sekunder.`,
        detail: `${code} ${message(error)}`,
      });
    } else if (code === 'ECONNREFUSED') {
      steps.push({
        step: 'connect',
        ok: false,
        message: `Ingen tjeneste svarer på ${url.host} (tilkoblingen ble avvist).`,
        detail: `${code} ${message(error)}`,
      });
    } else {
      steps.push({
        step: 'connect',
        ok: false,
        message: 'Fikk ikke kontakt med nettbutikken.',
        detail: `${code} ${message(error)}`.trim(),
      });
    }
    return done();
  }
  const versionText = (await version.text()).trim().replace(/^"|"$/g, '');
  if (version.status === 404) {
    steps.push({
      step: 'plugin',
      ok: false,
      message: 'Utvidelsen «Web API Backend» ser ikke ut til å være installert i nopCommerce (404).',
      detail: `GET /swagger-backend/CommonInfo/GetSwaggerDocVersion → 404`,
    });
    return done();
  }
  if (!version.ok) {
    steps.push({
      step: 'plugin',
      ok: false,
      message: `Nettbutikken svarte med feil ${version.status} da vi spurte etter Web API-utvidelsen.`,
      detail: versionText.slice(0, 300),
    });
    return done();
  }
  steps.push({ step: 'plugin', ok: true, message: `Web API Backend-utvidelsen svarer (versjon ${versionText}).` });

  let token: string;
  try {
    const res = await get('/api-backend/Authenticate/GetToken', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: credentials.email, email: credentials.email, password: credentials.password }),
    });
    const text = await res.text();
    if (res.status === 401 || res.status === 400) {
      steps.push({
        step: 'login',
        ok: false,
        message: 'Innlogging avvist (401): feil e-post eller passord for API-brukeren, eller brukeren er låst/inaktiv.',
        detail: text.slice(0, 300),
      });
      return done({ apiVersion: versionText });
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    token = String((JSON.parse(text) as { token?: unknown }).token ?? '');
    if (!token) throw new Error('no token in the answer');
    steps.push({ step: 'login', ok: true, message: `API-brukeren ${credentials.email} kan logge inn.` });
  } catch (error) {
    steps.push({
      step: 'login',
      ok: false,
      message: 'Innloggingen i nettbutikkens API feilet.',
      detail: message(error),
    });
    return done({ apiVersion: versionText });
  }

  try {
    const res = await get('/api-backend/Product/GetAll?pageIndex=0&pageSize=1', {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    if (res.status === 403) {
      steps.push({
        step: 'permission',
        ok: false,
        message:
          'Mangler tillatelse (403): gi API-brukerens kunderolle tillatelsen «Access Web API Backend» i nopCommerce.',
        detail: text.slice(0, 300),
      });
    } else if (res.status === 401) {
      steps.push({
        step: 'permission',
        ok: false,
        message:
          'Nettbutikken godtok ikke innloggingen (401) på et API-kall. Sjekk JWT-innstillingene i Web API-utvidelsen.',
        detail: text.slice(0, 300),
      });
    } else if (!res.ok) {
      steps.push({
        step: 'permission',
        ok: false,
        message: `Et API-kall mot nettbutikken feilet med ${res.status}.`,
        detail: text.slice(0, 300),
      });
    } else {
      steps.push({ step: 'permission', ok: true, message: 'API-brukeren har tilgang til produktene.' });
    }
  } catch (error) {
    steps.push({
      step: 'permission',
      ok: false,
      message: 'Et API-kall mot nettbutikken feilet.',
      detail: message(error),
    });
  }
  return done({ apiVersion: versionText });
}
