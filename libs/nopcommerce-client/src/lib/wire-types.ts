// Wire DTOs as the client uses them: the generated v1.06 types plus the 4.60–4.80 differences documented in the
// reference (§2.1, §2.4, §2.10). Field names stay snake_case, exactly as on the wire.
import type * as G from './generated/web-api-backend.types';

export type {
  AddressDto,
  CategoryDto,
  CountryDto,
  CustomerRoleDto,
  DiscountDto,
  DiscountProductMappingDto,
  GetPictureUrlResponse,
  ManufacturerDto,
  OrderDto,
  OrderItemDto,
  OrderNoteDto,
  PictureDto,
  ProductAttributeDto,
  ProductAttributeMappingDto,
  ProductAttributeValueDto,
  ProductCategoryDto,
  ProductManufacturerDto,
  ProductPictureDto,
  ShipmentDto,
  ShipmentItemDto,
  StockQuantityHistoryDto,
  TierPriceDto,
  ProductTemplateDto,
  CategoryTemplateDto,
  ManufacturerTemplateDto,
  PasswordFormat,
  ProductType,
  ProductSortingEnum,
  DiscountType,
} from './generated/web-api-backend.types';

/** 4.70 added `display_attribute_combination_images_only` and dropped the telecom flag (kept optional). */
export interface ProductDto extends G.ProductDto {
  display_attribute_combination_images_only?: boolean;
}

/** `picture_id` exists on 4.60 only; 4.70+ uses ProductAttributeCombinationPicture rows. */
export type ProductAttributeCombinationDto = G.ProductAttributeCombinationDto;

export interface ProductAttributeCombinationPictureDto {
  id?: number;
  product_attribute_combination_id: number;
  picture_id: number;
}

/** 4.60+ keeps the profile in customer columns (after the 4.50→4.60 customer data migration); v1.06 lacks them. */
export interface CustomerDto extends G.CustomerDto {
  first_name?: string | null;
  last_name?: string | null;
  gender?: string | null;
  date_of_birth?: string | null;
  company?: string | null;
  street_address?: string | null;
  street_address2?: string | null;
  zip_postal_code?: string | null;
  city?: string | null;
  county?: string | null;
  country_id?: number;
  state_province_id?: number;
  phone?: string | null;
  fax?: string | null;
  vat_number?: string | null;
  vat_number_status_id?: number;
  time_zone_id?: string | null;
  custom_customer_attributes_xml?: string | null;
  currency_id?: number | null;
  language_id?: number | null;
  tax_display_type_id?: number | null;
}

/** 4.70+ adds `customer_guid`. */
export interface AuthenticateResponse extends G.AuthenticateResponse {
  customer_guid?: string;
}

/** The spec shows PascalCase, the plugin source snake_case; both are read. */
export interface CustomerRegistrationResult {
  success?: boolean;
  errors?: string[] | null;
  Success?: boolean;
  Errors?: string[] | null;
}

export interface CustomerCustomerRoleMappingDto {
  id?: number;
  customer_id: number;
  customer_role_id: number;
}

/** Every paged reply (`…PagedListDto`) has this shape. */
export interface PagedList<T> {
  page_index?: number;
  page_size?: number;
  total_count?: number;
  total_pages?: number;
  has_previous_page?: boolean;
  has_next_page?: boolean;
  items?: T[] | null;
}

/** Numeric enums as they travel in `*_id` fields (reference §4). */
export enum OrderStatus {
  Pending = 10,
  Processing = 20,
  Complete = 30,
  Cancelled = 40,
}
export enum PaymentStatus {
  Pending = 10,
  Authorized = 20,
  Paid = 30,
  PartiallyRefunded = 35,
  Refunded = 40,
  Voided = 50,
}
export enum ShippingStatus {
  ShippingNotRequired = 10,
  NotYetShipped = 20,
  PartiallyShipped = 25,
  Shipped = 30,
  Delivered = 40,
}
export enum ProductTypeId {
  SimpleProduct = 5,
  GroupedProduct = 10,
}
export enum LowStockActivity {
  Nothing = 0,
  DisableBuyButton = 1,
  Unpublish = 2,
}
export enum ManageInventoryMethod {
  DontManageStock = 0,
  ManageStock = 1,
  ManageStockByAttributes = 2,
}
export enum AttributeControlType {
  DropdownList = 1,
  RadioList = 2,
  ColorSquares = 40,
}
export enum DiscountTypeId {
  AssignedToSkus = 2,
}
