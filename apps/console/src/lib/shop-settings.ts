/**
 * The choices a technician makes with the shop owner on the phone («Webshop oppsett»), as one form value, and how
 * they are stored: as the tenant's options (TenantOptions), which win over the same settings in the mapping profile.
 */
export type GroupSource = 'varegrupper' | 'webgrupper' | 'none';
export type VariantMode = 'ownProducts' | 'combinations';
export type CustomerMode = 'webshopCustomer' | 'customerPerOrder';
export type Removal = 'unpublish' | 'delete';

export interface ShopSettings {
  groupSource: GroupSource;
  images: boolean;
  variantMode: VariantMode;
  customerMode: CustomerMode;
  /** PCK's customer id of «Webshop kunde» (webshopCustomer only). */
  webshopCustomerId: number | null;
  removal: Removal;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function positiveInt(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

const FROM_PROFILE_GROUPS: Record<string, GroupSource> = {
  articleGroups: 'varegrupper',
  webGroups: 'webgrupper',
  off: 'none',
};
const FROM_PROFILE_VARIANTS: Record<string, VariantMode> = {
  separateProducts: 'ownProducts',
  attributeCombinations: 'combinations',
};

/**
 * What the tenant runs with: an option when set, else the mapping profile's value, else the gateway's default
 * (the same precedence as field-mapping's resolveTenantProfile).
 */
export function settingsOf(tenant: { mappingProfile: unknown; options: Json }): ShopSettings {
  const o = tenant.options;
  const p = obj(tenant.mappingProfile);
  const orders = obj(p['orders']);
  const customerId = positiveInt(o['webshopCustomerId']) ?? positiveInt(orders['webshopCustomerId']);
  let customerMode: CustomerMode;
  if (o['customerMode'] === 'webshopCustomer' || o['customerMode'] === 'customerPerOrder')
    customerMode = o['customerMode'];
  else if (orders['customerMode'] === 'singleCustomer') customerMode = 'webshopCustomer';
  else if (orders['customerMode'] === 'customerPerOrder') customerMode = 'customerPerOrder';
  else customerMode = customerId ? 'webshopCustomer' : 'customerPerOrder';
  const removal = o['removal'] ?? obj(obj(p['articles'])['publish'])['removal'];
  return {
    groupSource:
      (['varegrupper', 'webgrupper', 'none'] as const).find((g) => g === o['groupSource']) ??
      FROM_PROFILE_GROUPS[String(obj(p['groups'])['source'])] ??
      'webgrupper',
    images: typeof o['images'] === 'boolean' ? o['images'] : obj(p['images'])['enabled'] !== false,
    variantMode:
      (['ownProducts', 'combinations'] as const).find((m) => m === o['variantMode']) ??
      FROM_PROFILE_VARIANTS[String(obj(p['variants'])['mode'])] ??
      'ownProducts',
    customerMode,
    // The id only means something with «Webshop kunde»; a per-order setup shows none.
    webshopCustomerId: customerMode === 'webshopCustomer' ? customerId : null,
    removal: removal === 'delete' ? 'delete' : 'unpublish',
  };
}

/** Why the settings cannot be saved, in Norwegian; null when they can. */
export function settingsProblem(s: ShopSettings): string | null {
  if (s.customerMode === 'webshopCustomer' && s.webshopCustomerId === null)
    return 'Skriv kundenummeret til «Webshop kunde» i PCKasse, eller velg ny kunde per ordre.';
  return null;
}

/** The JSON Merge Patch of the tenant's options that makes them say `s` (other options stay). */
export function optionsPatch(s: ShopSettings): Json {
  return {
    groupSource: s.groupSource,
    images: s.images,
    variantMode: s.variantMode,
    customerMode: s.customerMode,
    // Merge Patch: null removes the customer id when each order gets its own customer.
    webshopCustomerId: s.customerMode === 'webshopCustomer' ? s.webshopCustomerId : null,
    removal: s.removal,
  };
}
