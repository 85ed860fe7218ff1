import type { OperationName, RequestOf } from '@pcknop/pck-contract';
import type { Catalogue } from './catalogue';

/** A request payload without the credentials; the runner adds login and password. */
export type CallBody<O extends OperationName> = Omit<RequestOf<O>, 'login' | 'password'>;

/** One WebshopWS call PCK would queue. `label` names the object in reports (e.g. `article 1001`). */
export type PckCall = {
  [O in OperationName]: { operation: O; body: CallBody<O>; label: string };
}[OperationName];

export function call<O extends OperationName>(operation: O, body: CallBody<O>, label: string): PckCall {
  return { operation, body, label } as PckCall;
}

/** The full request payload of a call. */
export function withCredentials(c: PckCall, login: number, password: string): RequestOf<OperationName> {
  return { login, password, ...c.body } as RequestOf<OperationName>;
}

/**
 * Calls PCK queues as one unit: they go in order and the rest stop at the first error (contract
 * §2.4; used for an article's updateStockCount rows). A single call is a chain of one.
 */
export interface CallChain {
  kind: 'chain';
  calls: PckCall[];
}

export interface OrderCycleOptions {
  /** Seeds sendIds, transporters and credit choices (default 1). */
  seed?: number;
  /** `<computer>\<user>{orderversion:2}` sent with getOrders. */
  computerName?: string;
  /** Split deliveries into 5 (part) then 3 (rest) when an order allows it (default true). */
  partDelivery?: boolean;
  /** Share of delivered orders that get a partial credit (default 1 = every one). */
  creditShare?: number;
  /** Send updatePackageInfo after the deliveries (default true). */
  packageInfo?: boolean;
}

/** «Oppfrisk»: getOrders, then per order status 4, deliveries, package info and a credit; depends on the answers. */
export interface OrderCycleStep {
  kind: 'orderCycle';
  options: OrderCycleOptions;
}

export type ScenarioStep = CallChain | OrderCycleStep;

export interface Scenario {
  name: string;
  steps: ScenarioStep[];
  /** PCK's catalogue after the scenario, for the next one (absent for order-only scenarios). */
  catalogue?: Catalogue;
}

/** Concatenates scenarios; the catalogue is the last one that has one. */
export function sequence(name: string, ...scenarios: Scenario[]): Scenario {
  const withCatalogue = scenarios.filter((s) => s.catalogue);
  return {
    name,
    steps: scenarios.flatMap((s) => s.steps),
    catalogue: withCatalogue[withCatalogue.length - 1]?.catalogue,
  };
}

/** Every static call of a scenario, in order (order cycles excluded: their calls depend on the shop). */
export function staticCalls(scenario: Scenario): PckCall[] {
  return scenario.steps.flatMap((s) => (s.kind === 'chain' ? s.calls : []));
}

export function single(c: PckCall): CallChain {
  return { kind: 'chain', calls: [c] };
}
