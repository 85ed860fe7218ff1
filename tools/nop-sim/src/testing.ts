// Test support for checks against the Web API Backend's documented contract (the simulator's and the client's).
export {
  ContractSchemas,
  findOperation,
  pictureMapping,
  versionSchemas,
  type ContractVersion,
  type Json,
  type Schema,
} from './lib/testing/web-api-contract';
