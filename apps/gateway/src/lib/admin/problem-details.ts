import type { Response } from 'express';
import { ReconcileError, ReconcileErrorCode } from '@pcknop/nop-applier';
import { StoreError, StoreErrorCode } from '@pcknop/staging-store';
import { AdminError, AdminErrorCode, adminErrorStatus, adminErrorTitle, type FieldError } from './admin-api.exception';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details; `errors` lists field problems of a validation failure. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: AdminErrorCode;
  errors?: readonly FieldError[];
}

const typeUri = (code: AdminErrorCode) => `urn:pcknop:problem:${code.toLowerCase().replace(/_/g, '-')}`;

/** Any error a route throws, as the AdminError it means (unknown ones are internal, with no detail leaked). */
export function asAdminError(error: unknown): AdminError {
  if (error instanceof AdminError) return error;
  if (error instanceof StoreError) {
    switch (error.code) {
      case StoreErrorCode.TenantLoginTaken:
        return new AdminError(AdminErrorCode.LoginTaken, error.message, undefined, { cause: error });
      case StoreErrorCode.TenantNotFound:
        return new AdminError(AdminErrorCode.TenantNotFound, undefined, undefined, { cause: error });
      case StoreErrorCode.SecretKeyMissing:
      case StoreErrorCode.SecretUnreadable:
        return new AdminError(AdminErrorCode.SecretsKeyMissing, error.message, undefined, { cause: error });
      default:
        return new AdminError(AdminErrorCode.Internal, undefined, undefined, { cause: error });
    }
  }
  if (error instanceof ReconcileError) {
    return error.code === ReconcileErrorCode.NoTenant
      ? new AdminError(AdminErrorCode.TenantNotFound, undefined, undefined, { cause: error })
      : new AdminError(AdminErrorCode.ShopNotConfigured, error.message, undefined, { cause: error });
  }
  if ((error as { name?: string } | null)?.name === 'NopClientError') {
    return new AdminError(AdminErrorCode.ShopUnreachable, (error as Error).message, undefined, { cause: error });
  }
  const parserType = (error as { type?: string } | null)?.type;
  if (parserType === 'entity.parse.failed')
    return new AdminError(AdminErrorCode.MalformedBody, 'the body is not valid JSON', undefined, { cause: error });
  if (parserType === 'entity.too.large')
    return new AdminError(AdminErrorCode.MalformedBody, 'the body is too large', undefined, { cause: error });
  return new AdminError(AdminErrorCode.Internal, undefined, undefined, { cause: error });
}

export function problemOf(error: AdminError): ProblemDetails {
  const p: ProblemDetails = {
    type: typeUri(error.code),
    title: adminErrorTitle(error.code),
    status: adminErrorStatus(error.code),
    code: error.code,
  };
  if (error.detail) p.detail = error.detail;
  if (error.errors && error.errors.length > 0) p.errors = error.errors;
  return p;
}

export function sendProblem(res: Response, error: AdminError): void {
  const problem = problemOf(error);
  if (problem.status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
