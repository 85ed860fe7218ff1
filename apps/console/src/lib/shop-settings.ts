import { apply } from 'json-merge-patch';
/**
 * The profile choices a technician makes with the shop owner on the phone, as one flat form value, and how it
 * becomes a change of the tenant (a JSON Merge Patch of its mapping profile and options).
 */
export type GroupSource = 'articleGroups' | 'webGroups' | 'off';
export type VariantMode = 'separateProducts' | 'attributeCombinations';
export type CustomerMode = 'singleCustomer' | 'customerPerOrder';
export type Removal = 'unpublish' | 'delete';

export interface ShopSettings {
  groupSource: GroupSource;
  images: boolean;
  variantMode: VariantMode;
  customerMode: CustomerMode;
  /** PCK's customer id of «Webshop kunde» (singleCustomer only). */
  webshopCustomerId: number | null;
  removal: Removal;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function pick<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

function positiveInt(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}

/** Reads the settings from a tenant's profile (defaults as the gateway applies them) and options. */
export function settingsOf(tenant: { mappingProfile: unknown; options: Json }): ShopSettings {
  const p = obj(tenant.mappingProfile);
  const hasProfile = tenant.mappingProfile !== null && tenant.mappingProfile !== undefined;
  const orders = obj(p['orders']);
  const customerFromOptions = positiveInt(tenant.options['webshopCustomerId']);
  const customerId = positiveInt(orders['webshopCustomerId']) ?? customerFromOptions;
  // Without a profile the gateway uses «Webshop kunde» only when options name one (tenant-profile.ts).
  const customerMode = hasProfile ? pick(orders['customerMode'], ['singleCustomer', 'customerPerOrder'] as const, 'singleCustomer') : customerFromOptions ? 'singleCustomer' : 'customerPerOrder';
  return {
    groupSource: pick(obj(p['groups'])['source'], ['articleGroups', 'webGroups', 'off'] as const, 'webGroups'),
    images: obj(p['images'])['enabled'] !== false,
    variantMode: pick(obj(p['variants'])['mode'], ['separateProducts', 'attributeCombinations'] as const, 'separateProducts'),
    customerMode,
    webshopCustomerId: customerId,
    removal: pick(obj(obj(obj(p['articles'])['publish']))['removal'], ['unpublish', 'delete'] as const, 'unpublish'),
  };
}

/** Why the settings cannot be saved, in Norwegian; null when they can. */
export function settingsProblem(s: ShopSettings): string | null {
  if (s.customerMode === 'singleCustomer' && s.webshopCustomerId === null) return 'Skriv kundenummeret til «Webshop kunde» i PCKasse, eller velg ny kunde per ordre.';
  return null;
}

/** The JSON Merge Patch of the tenant's mapping profile that makes it say `s` (other profile fields stay). */
export function profilePatch(s: ShopSettings): Json {
  return {
    schemaVersion: 1,
    groups: { source: s.groupSource },
    images: { enabled: s.images },
    variants: { mode: s.variantMode },
    // Merge Patch: null removes the customer id when orders get a customer each.
    orders: { customerMode: s.customerMode, webshopCustomerId: s.customerMode === 'singleCustomer' ? s.webshopCustomerId : null },
    articles: { publish: { removal: s.removal } },
  };
}

/** The profile after the patch (RFC 7396), as the gateway will store it; the tenant's own copy is left alone. */
export function patchedProfile(profile: unknown, patch: Json): unknown {
  return apply(structuredClone(profile ?? {}), patch);
}
