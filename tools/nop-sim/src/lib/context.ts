import type { Logger } from 'pino';
import type { SimClock } from './clock';
import type { DtoName, SimVersion } from './dto-spec';
import type { Row } from './dto';
import type { SimStore } from './store';
import type { AuthService } from './auth';

export interface SimSettings {
  version: SimVersion;
  adminEmail: string;
  adminPassword: string;
  /** Developer mode: no JWT check, no permission check (the plugin's own switch). */
  developerMode: boolean;
  /** `WebApiCommonSettings.TokenLifetimeDays`. */
  tokenLifetimeDays: number;
  /** `CustomerSettings.FailedPasswordAllowedAttempts` (0 = no lockout, nop's default). */
  failedPasswordAllowedAttempts: number;
  failedPasswordLockoutMinutes: number;
  /** `OrderSettings.CompleteOrderWhenDelivered`. */
  completeOrderWhenDelivered: boolean;
  /** Payment methods whose (simulated) gateway supports online capture and refund. */
  capturePaymentMethods: string[];
}

/** What every route handler gets. */
export interface SimContext {
  readonly store: SimStore;
  readonly settings: SimSettings;
  readonly clock: SimClock;
  readonly auth: AuthService;
  readonly log: Logger;
  /** Now, in the stored date format. */
  now(): string;
  /** Public base URL (for picture URLs). */
  baseUrl(): string;
  /** Serialises a row as this version's DTO. */
  dto(name: DtoName, row: Row): Record<string, unknown>;
}
