import { PcknopError, withDetail } from '@pcknop/errors';

export enum DeployErrorCode {
  UnresolvableImport = 'UNRESOLVABLE_IMPORT',
  NotADependency = 'NOT_A_DEPENDENCY',
  LockfileIncomplete = 'LOCKFILE_INCOMPLETE',
  BuildOutputMissing = 'BUILD_OUTPUT_MISSING',
  StepFailed = 'STEP_FAILED',
}

function messageFor(code: DeployErrorCode): string {
  switch (code) {
    case DeployErrorCode.UnresolvableImport:
      return 'The bundle loads a file outside itself at run time; bundle it or copy it as an asset.';
    case DeployErrorCode.NotADependency:
      return 'The build output needs an npm package that is not a runtime dependency in the root package.json.';
    case DeployErrorCode.LockfileIncomplete:
      return 'The root package-lock.json lacks a package the runtime dependencies need; run npm install.';
    case DeployErrorCode.BuildOutputMissing:
      return 'The build output is missing; run npm run build.';
    case DeployErrorCode.StepFailed:
      return 'A deployment step failed.';
  }
}

/** The one error type of the deployment tools. */
export class DeployError extends PcknopError<DeployErrorCode> {
  override readonly name = 'DeployError';

  constructor(code: DeployErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(code, withDetail(messageFor(code), detail), { detail, cause: options?.cause });
  }
}
