/** Gateway configuration, all from the environment (see the README's configuration reference). */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Path PCK posts to; `?wsdl` on it serves the WSDL. */
  soapPath: string;
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset. */
  dataDir: string;
}

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}".`);
  return value;
}

export function loadGatewayConfig(): GatewayConfig {
  return {
    port: intFrom('GATEWAY_PORT', 8080),
    host: process.env.GATEWAY_HOST ?? '0.0.0.0',
    soapPath: process.env.GATEWAY_SOAP_PATH ?? '/WebshopWS',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR ?? '.data/pg',
  };
}
