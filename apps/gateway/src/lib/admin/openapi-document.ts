import type { SchemaObject } from 'ajv';
import type { RouteSpec } from './admin-route';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'detail'],
        properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
      },
    },
  },
};

/** `/tenants/:id` → `/tenants/{id}` */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:(\w+)/g, '{$1}');

/**
 * The admin API's OpenAPI 3.1 document, made from the route table: the schemas in it are the objects Ajv
 * validates requests with (OpenAPI 3.1 uses JSON Schema 2020-12 as is).
 */
export function buildOpenApiDocument(
  routes: readonly RouteSpec[],
  paramsOf: (r: RouteSpec) => Record<string, SchemaObject>,
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const route of routes) {
    const path = `/admin${openApiPath(route.path)}`;
    const parameters: unknown[] = Object.entries(paramsOf(route)).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema,
    }));
    const q = route.query?.['properties'] as Record<string, SchemaObject> | undefined;
    const required = (route.query?.['required'] as string[] | undefined) ?? [];
    for (const [name, schema] of Object.entries(q ?? {}))
      parameters.push({ name, in: 'query', required: required.includes(name), schema });
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(route.responses)) {
      responses[status] =
        r.schema || r.contentType
          ? {
              description: r.description,
              content: { [r.contentType ?? 'application/json']: { schema: r.schema ?? { type: 'string' } } },
            }
          : { description: r.description };
    }
    if (route.access !== 'public') responses['401'] = { description: 'no or invalid bearer token', content: problem };
    if (route.access === 'integrator')
      responses['403'] = { description: 'an operator token may not do this', content: problem };
    if (route.access === 'tenant')
      responses['404'] ??= {
        description: 'no such tenant (or not the operator token\u2019s tenant)',
        content: problem,
      };
    if (route.query || route.body || Object.keys(paramsOf(route)).length > 0)
      responses['400'] ??= { description: 'validation failed (`errors` lists each field)', content: problem };
    const operation: Record<string, unknown> = {
      operationId: `${route.method}${openApiPath(route.path)
        .replace(/[{}]/g, '')
        .replace(/(^|[/-])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
    };
    if (route.description) operation['description'] = route.description;
    if (route.access === 'public') operation['security'] = [];
    if (route.body || route.textBodyTypes) {
      const content: Record<string, unknown> = {};
      for (const t of route.bodyTypes ?? ['application/json']) if (route.body) content[t] = { schema: route.body };
      for (const t of route.textBodyTypes ?? []) content[t] = { schema: { type: 'string' } };
      operation['requestBody'] = { required: route.bodyRequired ?? false, content };
    }
    paths[path] ??= {};
    paths[path][route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'PCKasse ↔ nopCommerce gateway admin API',
      version,
      description:
        'Tenants, preview, problems, activity, progress, reconciliation, operator tokens and the audit log. Bearer ADMIN_TOKEN (integrator, every tenant) or a per-tenant operator token. Errors are application/problem+json (RFC 9457).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Problem: PROBLEM_SCHEMA },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
