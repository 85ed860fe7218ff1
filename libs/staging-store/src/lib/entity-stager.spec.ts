import { StageCoalescer } from './coalesce-stage-calls';
import { entityStagerContract } from './entity-stager.contract';

entityStagerContract('EntityRepository', (repos) => repos.entities);
entityStagerContract('StageCoalescer (default options)', (repos) => new StageCoalescer(repos.entities));
entityStagerContract(
  'StageCoalescer (one statement in flight)',
  (repos) => new StageCoalescer(repos.entities, { maxInFlight: 1 }),
);
