import type { HttpTransport } from '../http-transport';
import { NopClientError, NopErrorCode } from '../nop-client-error';
import { IdList, seg } from '../query-string';

export type WithId<T> = T & { id: number };

export function apiPath(controller: string, action: string, ...segments: Array<number | string | IdList>): string {
  return `/api-backend/${controller}/${action}${segments.map((s) => `/${seg(s)}`).join('')}`;
}

export function requireId<T extends { id?: number }>(dto: T, what: string): WithId<T> {
  if (!dto || typeof dto.id !== 'number' || dto.id <= 0) {
    throw new NopClientError(NopErrorCode.InvalidResponse, { shopMessage: `${what}: reply has no id` });
  }
  return dto as WithId<T>;
}

/** The Create/GetById/Update/Delete quartet every nop controller has (reference §2.0). */
export class CrudEndpoint<T extends { id?: number }> {
  constructor(
    protected readonly http: HttpTransport,
    protected readonly controller: string,
  ) {}

  /** Undefined on 404. Note that nop returns soft-deleted rows here (`deleted: true`). */
  getById(id: number): Promise<WithId<T> | undefined> {
    return this.http.sendOptional<WithId<T>>({
      method: 'GET',
      path: apiPath(this.controller, 'GetById', id),
      idempotent: true,
    });
  }

  /** POST Create. Not retried: the caller must check whether a failed attempt took effect. */
  async create(dto: T): Promise<WithId<T>> {
    const { id: _ignored, ...body } = dto;
    const res = await this.http.send<T>({
      method: 'POST',
      path: apiPath(this.controller, 'Create'),
      json: body,
      idempotent: false,
    });
    return requireId(res, `${this.controller}/Create`);
  }

  /** PUT Update replaces the whole row: pass the full DTO read from the shop, merged. */
  async update(dto: WithId<T>): Promise<void> {
    await this.http.send<void>({
      method: 'PUT',
      path: apiPath(this.controller, 'Update'),
      json: dto,
      idempotent: true,
    });
  }

  async delete(id: number): Promise<void> {
    await this.http.send<void>({ method: 'DELETE', path: apiPath(this.controller, 'Delete', id), idempotent: true });
  }
}
