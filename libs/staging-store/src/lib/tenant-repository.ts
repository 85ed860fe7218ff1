import type { PrismaClient } from '../generated/prisma/client';
import { Prisma } from '../generated/prisma/client';
import { decryptSecret, encryptSecret, hashPassword, verifyPassword } from './secrets';
import { StoreError, StoreErrorCode } from './store.exception';

/** Shop connection credentials; stored encrypted, never returned by list calls. */
export interface ShopCredentials {
  email: string;
  password: string;
}

export interface TenantRecord {
  id: string;
  name: string;
  pckLogin: number;
  shopUrl: string | null;
  hasShopCredentials: boolean;
  mappingProfile: unknown;
  options: Record<string, unknown>;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewTenant {
  name: string;
  pckLogin: number;
  pckPassword: string;
  shopUrl?: string | null;
  shop?: ShopCredentials | null;
  mappingProfile?: unknown;
  options?: Record<string, unknown>;
}

export type TenantUpdate = Partial<Omit<NewTenant, 'pckLogin'>> & { active?: boolean };

type Row = Awaited<ReturnType<PrismaClient['tenant']['findFirstOrThrow']>>;

function toRecord(row: Row): TenantRecord {
  return {
    id: row.id,
    name: row.name,
    pckLogin: row.pckLogin,
    shopUrl: row.shopUrl,
    hasShopCredentials: row.shopSecret !== null,
    mappingProfile: row.mappingProfile,
    options: (row.options ?? {}) as Record<string, unknown>,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  return value === null || value === undefined ? Prisma.JsonNull : (value as Prisma.InputJsonValue);
}

export class TenantRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: NewTenant): Promise<TenantRecord> {
    try {
      const row = await this.prisma.tenant.create({
        data: {
          name: input.name,
          pckLogin: input.pckLogin,
          pckPasswordHash: await hashPassword(input.pckPassword),
          shopUrl: input.shopUrl ?? null,
          shopSecret: input.shop ? encryptSecret(JSON.stringify(input.shop)) : null,
          mappingProfile: json(input.mappingProfile),
          options: (input.options ?? {}) as Prisma.InputJsonValue,
        },
      });
      return toRecord(row);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new StoreError(StoreErrorCode.TenantLoginTaken, `Login ${input.pckLogin}.`, { cause: error });
      }
      throw error;
    }
  }

  async update(id: string, input: TenantUpdate): Promise<TenantRecord> {
    const data: Prisma.TenantUpdateInput = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.pckPassword !== undefined) data.pckPasswordHash = await hashPassword(input.pckPassword);
    if (input.shopUrl !== undefined) data.shopUrl = input.shopUrl;
    if (input.shop !== undefined) data.shopSecret = input.shop ? encryptSecret(JSON.stringify(input.shop)) : null;
    if (input.mappingProfile !== undefined) data.mappingProfile = json(input.mappingProfile);
    if (input.options !== undefined) data.options = input.options as Prisma.InputJsonValue;
    if (input.active !== undefined) data.active = input.active;
    try {
      return toRecord(await this.prisma.tenant.update({ where: { id }, data }));
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') {
        throw new StoreError(StoreErrorCode.TenantNotFound, `Tenant ${id}.`, { cause: error });
      }
      throw error;
    }
  }

  /** Deletes the tenant and all its data (staged entities, bindings, batches, orders, tokens, its call log). */
  async remove(id: string): Promise<boolean> {
    const [, deleted] = await this.prisma.$transaction([
      this.prisma.$executeRaw`DELETE FROM call_log WHERE tenant_id = ${id}::uuid`,
      this.prisma.tenant.deleteMany({ where: { id } }),
    ]);
    return deleted.count > 0;
  }

  async list(): Promise<TenantRecord[]> {
    return (await this.prisma.tenant.findMany({ orderBy: { createdAt: 'asc' } })).map(toRecord);
  }

  async get(id: string): Promise<TenantRecord | null> {
    const row = await this.prisma.tenant.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async count(): Promise<number> {
    return this.prisma.tenant.count();
  }

  /** The tenant with this PCK login and its password hash, for the gateway's credential check. */
  async findByLogin(pckLogin: number): Promise<(TenantRecord & { passwordHash: string }) | null> {
    const row = await this.prisma.tenant.findUnique({ where: { pckLogin } });
    return row ? { ...toRecord(row), passwordHash: row.pckPasswordHash } : null;
  }

  /** Checks PCK's login and password (constant-time). Returns the tenant, or null. */
  async authenticate(pckLogin: number, password: string): Promise<TenantRecord | null> {
    const found = await this.findByLogin(pckLogin);
    if (!found || !found.active) return null;
    return (await verifyPassword(password, found.passwordHash)) ? found : null;
  }

  /** Decrypts the tenant's shop credentials (needs SECRETS_KEY). */
  async shopCredentials(id: string): Promise<ShopCredentials | null> {
    const row = await this.prisma.tenant.findUnique({ where: { id }, select: { shopSecret: true } });
    if (!row) throw new StoreError(StoreErrorCode.TenantNotFound, `Tenant ${id}.`);
    return row.shopSecret ? (JSON.parse(decryptSecret(row.shopSecret)) as ShopCredentials) : null;
  }
}
