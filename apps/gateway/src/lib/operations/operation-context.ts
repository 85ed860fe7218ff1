import type { OperationName, RequestOf, ResponseOf } from '@pcknop/pck-contract';
import type { EntityStager, Repositories } from '@pcknop/staging-store';
import type { Logger } from 'pino';
import type { AuthenticatedTenant } from '../authenticate-tenant';
import type { ShopConnections } from '../shop-connection';
import type { SourceOwnership } from '../twinxml/source-ownership';

/** Fetches fresh paid orders from the tenant's shop into the staging store (the scheduler's job, also run by getOrders). */
export type OrderPoller = (tenant: AuthenticatedTenant) => Promise<void>;

/** What handlers may use. */
export interface GatewayServices {
  repos: Repositories;
  /** Where catalogue calls stage (coalesces concurrent calls into shared statements). */
  stager: EntityStager;
  logger: Logger;
  shops: ShopConnections;
  /** Optional shop poll inside getOrders, given at most `timeBoxMs`. */
  orderPoll?: { poller: OrderPoller; timeBoxMs: number };
  /** Largest image sendImage/sendImageColor may stage (GATEWAY_MAX_IMAGE_BYTES). */
  maxImageBytes: number;
  /** Base of the URLs handed to PCK (getReceiptURL & co.), e.g. the tenant's shop URL when unset. */
  publicUrl?: string;
  /** Kinds owned by the tenant's other TwinXML sources are not staged from PCK's calls. */
  ownership: SourceOwnership;
}

export interface CallContext {
  services: GatewayServices;
  /** Set for every operation that carries credentials (all but createWebshop). */
  auth: AuthenticatedTenant;
  receivedAt: Date;
  /**
   * Registers work to run once this call's successful answer has been written completely to PCK's connection
   * (never after an error answer, a deadline, or a connection that closed first).
   */
  afterAnswer?: (work: () => Promise<void>) => void;
}

export interface OperationHandler<O extends OperationName> {
  /** `shop`: talks to the shop synchronously, so it gets the longer deadline. */
  deadline: 'db' | 'shop';
  /** The entity key for the call log (never payload bytes). */
  entityKey?: (payload: RequestOf<O>) => string | undefined;
  handle(ctx: CallContext, payload: RequestOf<O>): Promise<ResponseOf<O>>;
}

/** createWebshop carries no credentials: its handler runs without a tenant. */
export interface PublicOperationHandler<O extends OperationName> {
  public: true;
  handle(services: GatewayServices, payload: RequestOf<O>): Promise<ResponseOf<O>>;
}

/** Exhaustive over pck-contract's operations: a new operation does not compile until it has a handler. */
export type OperationRegistry = {
  [O in OperationName]: O extends 'createWebshop' ? PublicOperationHandler<O> : OperationHandler<O>;
};
