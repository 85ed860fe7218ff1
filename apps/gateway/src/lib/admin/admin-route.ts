import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ErrorObject, SchemaObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Logger } from 'pino';
import { AdminError, AdminErrorCode, type FieldError } from './admin-api.exception';
import { assertIntegrator, assertTenantVisible, type Actor, type AdminAuthenticator } from './admin-auth';
import { asAdminError, sendProblem } from './problem-details';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/**
 * Who may call a route: `public` (no token), `integrator` (ADMIN_TOKEN only), `tenant` (the integrator, or an
 * operator token of the `:id` tenant), `any` (any valid token; the handler filters by the actor).
 */
export type RouteAccess = 'public' | 'integrator' | 'tenant' | 'any';

export interface RouteResponse {
  description: string;
  /** JSON schema of the body (application/json unless `contentType` says otherwise). */
  schema?: SchemaObject;
  contentType?: string;
}

export interface RouteContext {
  req: Request;
  res: Response;
  actor: Actor;
  params: Record<string, string>;
  /** The validated query (coerced to the schema's types, defaults filled in). */
  query: Record<string, unknown>;
  /** The validated JSON body, or the raw text for a non-JSON content type the route accepts. */
  body: unknown;
}

export interface RouteSpec {
  method: HttpMethod;
  /** Express path below /admin, e.g. `/tenants/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: RouteAccess;
  /** JSON schemas of path parameters (each a string schema); `id` defaults to a tenant uuid. */
  params?: Record<string, SchemaObject>;
  /** Schema of the query string (an object of scalar properties). */
  query?: SchemaObject;
  /** Schema of the JSON body; `bodyTypes` lists the accepted media types (default application/json). */
  body?: SchemaObject;
  bodyRequired?: boolean;
  bodyTypes?: string[];
  /** Non-JSON media types whose raw text is handed to the handler (e.g. text/xml). */
  textBodyTypes?: string[];
  /** Messages for top-level body properties that are refused on purpose (e.g. where to change them instead). */
  hints?: Record<string, string>;
  responses: Record<number, RouteResponse>;
  /** Returns the JSON body (status 200 unless `status` set), or sends the response itself and returns undefined. */
  handler(ctx: RouteContext): Promise<unknown>;
  status?: number;
}

const UUID: SchemaObject = { type: 'string', format: 'uuid' };

/** The schemas every route and the OpenAPI document share: one Ajv 2020-12 instance compiles them. */
function createAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: true, coerceTypes: coerce ? true : false });
  addFormats(ajv);
  return ajv;
}

function fieldErrors(
  prefix: string,
  errors: readonly ErrorObject[] | null | undefined,
  hints: Record<string, string> = {},
): FieldError[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const p = e.params as Record<string, unknown>;
      if (e.keyword === 'additionalProperties') {
        const name = String(p['additionalProperty']);
        const hint = e.instancePath === '' ? hints[name] : undefined;
        return { pointer: `${prefix}${e.instancePath}/${name}`, detail: hint ?? `unknown property "${name}"` };
      }
      if (e.keyword === 'required')
        return { pointer: `${prefix}${e.instancePath}/${String(p['missingProperty'])}`, detail: 'is required' };
      if (e.keyword === 'enum') {
        return {
          pointer: `${prefix}${e.instancePath}`,
          detail: `must be one of ${(p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        };
      }
      return { pointer: `${prefix}${e.instancePath}`, detail: e.message ?? 'is invalid' };
    });
}

interface CompiledRoute {
  spec: RouteSpec;
  params: Record<string, ValidateFunction>;
  query?: ValidateFunction;
  body?: ValidateFunction;
}

/**
 * The admin API's route table: each route declares its access, schemas and responses once; the same schemas
 * validate requests (Ajv, JSON Schema 2020-12) and make the OpenAPI 3.1 document, so the two cannot drift.
 */
export class AdminRouteTable {
  readonly routes: RouteSpec[] = [];
  private readonly bodyAjv = createAjv(false);
  private readonly queryAjv = createAjv(true);

  constructor(
    private readonly auth: AdminAuthenticator,
    private readonly logger: Logger,
  ) {}

  add(spec: RouteSpec): void {
    this.routes.push(spec);
  }

  /** Path parameters of a route with their schemas (`id` = tenant uuid unless declared). */
  paramsOf(spec: RouteSpec): Record<string, SchemaObject> {
    const names = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    return Object.fromEntries(
      names.map((n) => [n, spec.params?.[n] ?? (n === 'id' ? UUID : { type: 'string', minLength: 1 })]),
    );
  }

  private compile(spec: RouteSpec): CompiledRoute {
    const params = Object.fromEntries(
      Object.entries(this.paramsOf(spec)).map(([n, s]) => [n, this.queryAjv.compile(s)]),
    );
    return {
      spec,
      params,
      query: spec.query ? this.queryAjv.compile(spec.query) : undefined,
      body: spec.body ? this.bodyAjv.compile(spec.body) : undefined,
    };
  }

  /** An Express router with every route, authenticated and validated, errors as problem+json. */
  router(): Router {
    const router = express.Router();
    for (const spec of this.routes) {
      // Compiled on first use: a gateway starts without paying for routes nobody calls (tests start many).
      let compiled: CompiledRoute | undefined;
      const jsonTypes = spec.bodyTypes ?? ['application/json'];
      const parsers = [
        express.json({ limit: '2mb', type: jsonTypes }),
        ...(spec.textBodyTypes ? [express.text({ limit: '32mb', type: spec.textBodyTypes })] : []),
      ];
      router[spec.method](
        spec.path,
        ...(spec.body || spec.textBodyTypes ? parsers : []),
        (req: Request, res: Response, next: NextFunction) => {
          compiled ??= this.compile(spec);
          this.handle(compiled, req, res).catch(next);
        },
      );
    }
    router.use((_req: Request, _res: Response, next: NextFunction) =>
      next(new AdminError(AdminErrorCode.NotFound, 'no such admin route')),
    );
    router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(error);
      const problem = asAdminError(error);
      if (problem.code === AdminErrorCode.Internal)
        this.logger.error({ err: error, path: req.path }, 'admin API failed');
      sendProblem(res, problem);
    });
    return router;
  }

  private async handle(route: CompiledRoute, req: Request, res: Response): Promise<void> {
    const { spec } = route;
    const actor: Actor =
      spec.access === 'public' ? { kind: 'integrator' } : await this.auth.authenticate(req.get('authorization'));
    if (spec.access === 'integrator') assertIntegrator(actor, `${spec.method.toUpperCase()} ${spec.path}`);
    const params: Record<string, string> = {};
    const errors: FieldError[] = [];
    for (const [name, validate] of Object.entries(route.params)) {
      const value = String(req.params[name] ?? '');
      if (!validate(value))
        errors.push(...fieldErrors(`path/${name}`, validate.errors).map((e) => ({ ...e, pointer: `path/${name}` })));
      params[name] = value;
    }
    // A malformed tenant id cannot name a tenant: the same 404 as an unknown one (and nothing for operators).
    if (errors.length > 0 && errors.every((e) => e.pointer === 'path/id'))
      throw new AdminError(AdminErrorCode.TenantNotFound);
    if (spec.access === 'tenant') assertTenantVisible(actor, params['id']);
    const query: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
    if (route.query && !route.query(query)) errors.push(...fieldErrors('query', route.query.errors));
    let body: unknown = req.body;
    const textual = spec.textBodyTypes && typeof req.body === 'string' && req.is(spec.textBodyTypes);
    if (!textual && (spec.body || spec.textBodyTypes) && ['post', 'patch'].includes(spec.method)) {
      const hasBody =
        (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
        req.headers['transfer-encoding'] !== undefined;
      const accepted = [...(spec.bodyTypes ?? ['application/json']), ...(spec.textBodyTypes ?? [])];
      if (hasBody && !req.is(accepted))
        throw new AdminError(AdminErrorCode.UnsupportedMediaType, `send one of: ${accepted.join(', ')}`);
      if (!hasBody || body === undefined) {
        if (spec.bodyRequired) errors.push({ pointer: '', detail: 'a body is required' });
        body = {};
      }
      if (route.body && errors.length === 0 && !route.body(body))
        errors.push(...fieldErrors('', route.body.errors, spec.hints));
    }
    if (errors.length > 0)
      throw new AdminError(
        AdminErrorCode.ValidationFailed,
        errors.map((e) => `${e.pointer || '/'} ${e.detail}`).join('; '),
        errors,
      );
    const result = await spec.handler({ req, res, actor, params, query, body });
    if (!res.headersSent) {
      if (result === undefined) res.status(spec.status ?? 204).end();
      // bigint (batch sequence, versions) as decimal strings: JSON has no 64-bit integers.
      else
        res
          .status(spec.status ?? 200)
          .type('application/json')
          .send(JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    }
  }
}
