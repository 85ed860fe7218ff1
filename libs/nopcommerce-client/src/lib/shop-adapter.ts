// The one writer of a nopCommerce shop: every write goes through it, so DTO defaults, check-before-create and the
// differences between API versions live in its implementation only. It says nothing about which API plugin or
// version sits behind it; catalogue rows are nop's DTOs, as field-mapping's twinToNop decides them.
import type { Decimal } from 'decimal.js';
import type { WithId } from './endpoints/crud-endpoint';
import type { ShopOrderDetails } from './order-details';
import type {
  CategoryDto,
  ManufacturerDto,
  OrderDto,
  ProductAttributeCombinationDto,
  ProductDto,
  TierPriceDto,
} from './wire-types';

export type Quantity = Decimal | number;

export interface ShopInfo {
  /** Which implementation, e.g. `web-api-backend`. */
  adapter: string;
  /** The plugin version the shop reports, e.g. `v4.70.1`. */
  apiVersion: string;
}

export type StockTracking = 'none' | 'product' | 'variants';

export interface ProductInput {
  sku: string;
  name: string;
  price: Decimal;
  /** "Compare at" price shown struck through; null clears it. */
  oldPrice?: Decimal | null;
  cost?: Decimal;
  shortDescription?: string;
  fullDescription?: string;
  published?: boolean;
  gtin?: string;
  manufacturerPartNumber?: string;
  weight?: Decimal;
  taxCategoryId?: number;
  stockTracking?: StockTracking;
  /** Product-level stock (only meaningful with `stockTracking: 'product'`). */
  stockQuantity?: Quantity;
  /** SEO slug set on create; defaults to one derived from the name. */
  slug?: string;
  /** Snake_case wire fields to set as well, for what this model does not cover. */
  extra?: Record<string, unknown>;
}

export interface ShopProduct {
  id: number;
  sku: string;
  name: string;
  price: Decimal;
  oldPrice: Decimal;
  published: boolean;
  stockQuantity: number;
  stockTracking: StockTracking;
  deleted: boolean;
}

export interface UpsertResult {
  id: number;
  created: boolean;
}

/** One colour × size variant. */
export interface VariantInput {
  sku: string;
  colour: string;
  size: string;
  /** `#rrggbb` for colour squares. */
  colourRgb?: string;
  gtin?: string;
  stockQuantity?: Quantity;
  /** Variant price replacing the product price; null clears it. */
  price?: Decimal | null;
}

export interface VariantResult {
  sku: string;
  combinationId: number;
  created: boolean;
  attributesXml: string;
}

export interface StockResult {
  kind: 'product' | 'variant';
  id: number;
  productId: number;
  previous: number;
  quantity: number;
}

export interface PriceInput {
  price: Decimal;
  oldPrice?: Decimal | null;
  cost?: Decimal;
}

export interface OfferPriceInput {
  price: Decimal;
  startUtc: Date;
  endUtc: Date;
  /** Default 'tier-price' (a dated qty-1 tier); 'discount' uses an AssignedToSkus discount. */
  strategy?: 'tier-price' | 'discount';
}

export interface OfferPriceResult {
  strategy: 'tier-price' | 'discount';
  /** Tier price id or discount id. */
  id: number;
  created: boolean;
}

export interface CategoryInput {
  name: string;
  /** 0 or undefined for a root category. Categories are matched by name within their parent. */
  parentId?: number;
  description?: string;
  published?: boolean;
  displayOrder?: number;
  slug?: string;
  /**
   * Whether an existing category with this name (and parent) may be taken over instead of creating one. Default:
   * yes. A caller that binds shop rows to source keys says no for rows another key already owns.
   */
  canReuse?: (existingId: number) => boolean | Promise<boolean>;
  /** Wire fields a new category gets (e.g. twinToNop's whole DTO); the fields above win. */
  createWith?: Partial<CategoryDto>;
}

export interface ManufacturerInput {
  name: string;
  /** As for categories: whether an existing manufacturer with this name may be taken over. Default: yes. */
  canReuse?: (existingId: number) => boolean | Promise<boolean>;
  description?: string;
  published?: boolean;
  displayOrder?: number;
  slug?: string;
  /** Wire fields a new manufacturer gets (e.g. twinToNop's whole DTO); the fields above win. */
  createWith?: Partial<ManufacturerDto>;
}

export interface PictureInput {
  bytes: Uint8Array;
  mimeType: string;
  seoFilename: string;
  alt?: string;
  title?: string;
  displayOrder?: number;
}

export interface PictureResult {
  pictureId: number;
  productPictureId: number;
}

/** Where a picture already on a product is shown as well: a (variant) product, or a combination. */
export type PictureTarget = { productId: number } | { combinationId: number };

/** The row mapping a picture to its target (none for a 4.60 combination, which holds one `picture_id`). */
export interface PictureAttachment {
  productId?: number;
  productPictureId?: number;
  combinationId?: number;
  combinationPictureId?: number;
}

export interface SaveProductOptions {
  /** Runs before each create attempt; throwing stops it (e.g. a lease that is gone). */
  beforeCreate?: () => void;
  /** SEO slug of a new product; default one derived from its name and SKU. */
  slug?: string;
}

export interface ShopAddress {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  address1: string;
  address2: string;
  zipPostalCode: string;
  city: string;
  countryIso2?: string;
  phone: string;
}

export interface ShopCustomer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
  deleted: boolean;
}

export interface ShopOrderItem {
  id: number;
  productId: number;
  /** The SKU as the shop formats it now (combination SKU for variants). */
  sku?: string;
  quantity: number;
  unitPriceInclTax: Decimal;
  unitPriceExclTax: Decimal;
  priceInclTax: Decimal;
  priceExclTax: Decimal;
  attributesXml: string;
  attributeDescription: string;
}

export interface ShopOrder {
  id: number;
  orderGuid: string;
  customOrderNumber: string;
  createdOnUtc?: Date;
  paidDateUtc?: Date;
  orderStatusId: number;
  paymentStatusId: number;
  shippingStatusId: number;
  currencyCode: string;
  total: Decimal;
  subtotalInclTax: Decimal;
  shippingInclTax: Decimal;
  tax: Decimal;
  refundedAmount: Decimal;
  paymentMethod: string;
  shippingMethod: string;
  items: ShopOrderItem[];
  billingAddress?: ShopAddress;
  shippingAddress?: ShopAddress;
  customer?: ShopCustomer;
}

export interface OrderFilter {
  createdFromUtc?: Date;
  createdToUtc?: Date;
  /** Default [Processing]. */
  orderStatusIds?: number[];
  /** Default [Paid]. */
  paymentStatusIds?: number[];
  storeId?: number;
  pageSize?: number;
  /** Look up each item's SKU (one call per item). Default true. */
  resolveSkus?: boolean;
}

export interface ShipmentRequest {
  trackingNumber: string;
  /**
   * The shipment of this order an earlier attempt created (recorded by the caller): continued as it is, never a
   * second one. Without it (or when the shop no longer has it) the shipment is found by tracking number or created.
   */
  shipmentId?: number;
  /** Default: every item with a quantity not yet in a shipment. */
  items?: Array<{ orderItemId: number; quantity: number }>;
  totalWeight?: Decimal;
  notifyCustomer?: boolean;
  /** Capture an authorized payment after shipping. Default true. */
  capture?: boolean;
  /** Also mark the shipment delivered. Default false. */
  deliver?: boolean;
}

export interface ShipResult {
  shipmentId: number;
  shipped: boolean;
  delivered: boolean;
  captured: boolean;
  paymentStatusId: number;
  shippingStatusId: number;
}

export interface RefundRequest {
  /** Omitted: refund the whole order. */
  amount?: Decimal;
  /** Default false: record the refund offline (nop's RefundOffline / PartiallyRefundOffline). */
  online?: boolean;
}

export interface RefundResult {
  orderId: number;
  refundedAmount: Decimal;
  paymentStatusId: number;
}

export interface CustomerInput {
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  phone?: string;
  /** With a password the customer is registered through RegisterCustomer; otherwise the Registered role is added. */
  password?: string;
  storeId?: number;
}

export interface ShopAdapter {
  getShopInfo(): Promise<ShopInfo>;

  findProductBySku(sku: string): Promise<ShopProduct | undefined>;
  /** Create, or read-merge-write so fields this model does not own are kept. */
  upsertProduct(input: ProductInput): Promise<UpsertResult>;
  upsertVariants(productId: number, variants: VariantInput[]): Promise<VariantResult[]>;
  /** Absolute stock for a product or variant SKU. */
  setStock(sku: string, quantity: Quantity): Promise<StockResult>;
  setPrice(sku: string, price: PriceInput): Promise<void>;
  setOfferPrice(productId: number, offer: OfferPriceInput): Promise<OfferPriceResult>;
  clearOfferPrices(productId: number): Promise<number>;

  upsertCategory(input: CategoryInput): Promise<UpsertResult>;
  /** Makes the product's categories exactly these. */
  setProductCategories(productId: number, categoryIds: number[]): Promise<void>;
  upsertManufacturer(input: ManufacturerInput): Promise<UpsertResult>;
  setProductManufacturers(productId: number, manufacturerIds: number[]): Promise<void>;

  uploadPicture(productId: number, picture: PictureInput): Promise<PictureResult>;
  /** Shows a picture on a target too; none when the combination is gone. Never maps it twice. */
  attachPicture(
    pictureId: number,
    target: PictureTarget,
    displayOrder?: number,
  ): Promise<PictureAttachment | undefined>;
  /** Drops the product mappings, then the picture; best effort (what is gone already is no error). */
  removePicture(pictureId: number, productPictureIds: readonly number[]): Promise<void>;

  // Catalogue rows as field-mapping decides them. A row passed to an update is the whole row (nop replaces it).
  getProducts(ids: readonly number[]): Promise<Array<WithId<ProductDto>>>;
  getProductsBySkus(skus: readonly string[]): Promise<Array<WithId<ProductDto>>>;
  getProduct(id: number): Promise<WithId<ProductDto> | undefined>;
  /** With an id: replaces the row. Without: creates it (a retry first looks the SKU up) with an SEO slug. */
  saveProduct(row: ProductDto & { id?: number }, options?: SaveProductOptions): Promise<UpsertResult>;
  deleteProduct(id: number): Promise<void>;
  /** Makes the product's offer exactly these dated qty-1 tier prices (replacing offers set before). */
  replaceOfferTierPrices(productId: number, tiers: readonly TierPriceDto[]): Promise<void>;
  getCombination(id: number): Promise<WithId<ProductAttributeCombinationDto> | undefined>;
  updateCombination(row: WithId<ProductAttributeCombinationDto>): Promise<void>;
  deleteCombination(id: number): Promise<void>;
  getCategory(id: number): Promise<WithId<CategoryDto> | undefined>;
  updateCategory(row: WithId<CategoryDto>): Promise<void>;
  getManufacturer(id: number): Promise<WithId<ManufacturerDto> | undefined>;
  updateManufacturer(row: WithId<ManufacturerDto>): Promise<void>;

  /** One authenticated read without retries worth waiting for: resolves when the shop answers, else throws why not. */
  probe(): Promise<void>;

  searchPaidOrders(filter?: OrderFilter): AsyncIterable<ShopOrder>;
  /** Orders as rows, each once (an order mapping reads the details only of those it needs). */
  searchOrders(filter?: OrderFilter): AsyncIterable<WithId<OrderDto>>;
  /** The order's items, addresses and customer, as rows. */
  orderDetails(order: WithId<OrderDto>): Promise<ShopOrderDetails>;
  getOrder(orderId: number, resolveSkus?: boolean): Promise<ShopOrder | undefined>;
  shipAndCapture(orderId: number, request: ShipmentRequest): Promise<ShipResult>;
  markDelivered(shipmentId: number, notifyCustomer?: boolean): Promise<void>;
  /** Sets a shipment's tracking number when given and different; false when the shop has no such shipment. */
  setTrackingNumber(shipmentId: number, trackingNumber: string | undefined): Promise<boolean>;
  /** Adds a note to an order once: a note with the same text is not added again (nor after a lost reply). */
  addOrderNote(orderId: number, note: string, displayToCustomer: boolean): Promise<void>;
  refund(orderId: number, request?: RefundRequest): Promise<RefundResult>;

  findCustomerByEmail(email: string): Promise<ShopCustomer | undefined>;
  upsertCustomer(input: CustomerInput): Promise<UpsertResult>;

  close(): Promise<void>;
}
