/**
 * Field lists of the Web API Backend DTOs, derived once from the official OpenAPI v1.06 document
 * (type and nullability per field) plus the documented 4.60/4.70 deltas. The simulator never reads the
 * OpenAPI file at run time; its tests compile the same document and check every reply against it.
 *
 * Mini-syntax: `name:type` with type int | num | bool | str | date | uuid, and `?` for nullable.
 */
export type SimVersion = '4.60' | '4.70' | '4.80';

export type FieldType = 'int' | 'num' | 'bool' | 'str' | 'date' | 'uuid';
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly nullable: boolean;
}

const V106 = {
  // 4.70+ picture mapping tables (not in v1.06).
  ProductAttributeCombinationPictureDto: 'product_attribute_combination_id:int picture_id:int id:int',
  ProductAttributeValuePictureDto: 'product_attribute_value_id:int picture_id:int id:int',
  ProductDto:
    'product_type_id:int parent_grouped_product_id:int visible_individually:bool name:str? short_description:str? full_description:str? admin_comment:str? product_template_id:int vendor_id:int show_on_homepage:bool meta_keywords:str? meta_description:str? meta_title:str? allow_customer_reviews:bool approved_rating_sum:int not_approved_rating_sum:int approved_total_reviews:int not_approved_total_reviews:int subject_to_acl:bool limited_to_stores:bool sku:str? manufacturer_part_number:str? gtin:str? is_gift_card:bool gift_card_type_id:int overridden_gift_card_amount:num? require_other_products:bool required_product_ids:str? automatically_add_required_products:bool is_download:bool download_id:int unlimited_downloads:bool max_number_of_downloads:int download_expiration_days:int? download_activation_type_id:int has_sample_download:bool sample_download_id:int has_user_agreement:bool user_agreement_text:str? is_recurring:bool recurring_cycle_length:int recurring_cycle_period_id:int recurring_total_cycles:int is_rental:bool rental_price_length:int rental_price_period_id:int is_ship_enabled:bool is_free_shipping:bool ship_separately:bool additional_shipping_charge:num delivery_date_id:int is_tax_exempt:bool tax_category_id:int is_telecommunications_or_broadcasting_or_electronic_services:bool manage_inventory_method_id:int product_availability_range_id:int use_multiple_warehouses:bool warehouse_id:int stock_quantity:int display_stock_availability:bool display_stock_quantity:bool min_stock_quantity:int low_stock_activity_id:int notify_admin_for_quantity_below:int backorder_mode_id:int allow_back_in_stock_subscriptions:bool order_minimum_quantity:int order_maximum_quantity:int allowed_quantities:str? allow_adding_only_existing_attribute_combinations:bool not_returnable:bool disable_buy_button:bool disable_wishlist_button:bool available_for_pre_order:bool pre_order_availability_start_date_time_utc:date? call_for_price:bool price:num old_price:num product_cost:num customer_enters_price:bool minimum_customer_entered_price:num maximum_customer_entered_price:num baseprice_enabled:bool baseprice_amount:num baseprice_unit_id:int baseprice_base_amount:num baseprice_base_unit_id:int mark_as_new:bool mark_as_new_start_date_time_utc:date? mark_as_new_end_date_time_utc:date? has_tier_prices:bool has_discounts_applied:bool weight:num length:num width:num height:num available_start_date_time_utc:date? available_end_date_time_utc:date? display_order:int published:bool deleted:bool created_on_utc:date updated_on_utc:date id:int',
  CategoryDto:
    'name:str? description:str? category_template_id:int meta_keywords:str? meta_description:str? meta_title:str? parent_category_id:int picture_id:int page_size:int allow_customers_to_select_page_size:bool page_size_options:str? show_on_homepage:bool include_in_top_menu:bool subject_to_acl:bool limited_to_stores:bool published:bool deleted:bool display_order:int created_on_utc:date updated_on_utc:date price_range_filtering:bool price_from:num price_to:num manually_price_range:bool id:int',
  ManufacturerDto:
    'name:str? description:str? manufacturer_template_id:int meta_keywords:str? meta_description:str? meta_title:str? picture_id:int page_size:int allow_customers_to_select_page_size:bool page_size_options:str? subject_to_acl:bool limited_to_stores:bool published:bool deleted:bool display_order:int created_on_utc:date updated_on_utc:date price_range_filtering:bool price_from:num price_to:num manually_price_range:bool id:int',
  ProductCategoryDto: 'product_id:int category_id:int is_featured_product:bool display_order:int id:int',
  ProductManufacturerDto: 'product_id:int manufacturer_id:int is_featured_product:bool display_order:int id:int',
  ProductAttributeDto: 'name:str? description:str? id:int',
  ProductAttributeMappingDto:
    'product_id:int product_attribute_id:int text_prompt:str? is_required:bool attribute_control_type_id:int display_order:int validation_min_length:int? validation_max_length:int? validation_file_allowed_extensions:str? validation_file_maximum_size:int? default_value:str? condition_attribute_xml:str? id:int',
  ProductAttributeValueDto:
    'product_attribute_mapping_id:int attribute_value_type_id:int associated_product_id:int name:str? color_squares_rgb:str? image_squares_picture_id:int price_adjustment:num price_adjustment_use_percentage:bool weight_adjustment:num cost:num customer_enters_qty:bool quantity:int is_pre_selected:bool display_order:int picture_id:int id:int',
  ProductAttributeCombinationDto:
    'product_id:int attributes_xml:str? stock_quantity:int allow_out_of_stock_orders:bool sku:str? manufacturer_part_number:str? gtin:str? overridden_price:num? notify_admin_for_quantity_below:int picture_id:int min_stock_quantity:int id:int',
  TierPriceDto:
    'product_id:int store_id:int customer_role_id:int? quantity:int price:num start_date_time_utc:date? end_date_time_utc:date? id:int',
  DiscountDto:
    'name:str? admin_comment:str? discount_type_id:int use_percentage:bool discount_percentage:num discount_amount:num maximum_discount_amount:num? start_date_utc:date? end_date_utc:date? requires_coupon_code:bool coupon_code:str? is_cumulative:bool discount_limitation_id:int limitation_times:int maximum_discounted_quantity:int? applied_to_sub_categories:bool id:int',
  DiscountProductMappingDto: 'entity_id:int discount_id:int id:int',
  PictureDto:
    'mime_type:str? seo_filename:str? alt_attribute:str? title_attribute:str? is_new:bool virtual_path:str? id:int',
  ProductPictureDto: 'product_id:int picture_id:int display_order:int id:int',
  OrderDto:
    'order_guid:uuid store_id:int customer_id:int billing_address_id:int shipping_address_id:int? pickup_address_id:int? pickup_in_store:bool order_status_id:int shipping_status_id:int payment_status_id:int payment_method_system_name:str? customer_currency_code:str? currency_rate:num customer_tax_display_type_id:int vat_number:str? order_subtotal_incl_tax:num order_subtotal_excl_tax:num order_sub_total_discount_incl_tax:num order_sub_total_discount_excl_tax:num order_shipping_incl_tax:num order_shipping_excl_tax:num payment_method_additional_fee_incl_tax:num payment_method_additional_fee_excl_tax:num tax_rates:str? order_tax:num order_discount:num order_total:num refunded_amount:num reward_points_history_entry_id:int? checkout_attribute_description:str? checkout_attributes_xml:str? customer_language_id:int affiliate_id:int customer_ip:str? allow_storing_credit_card_number:bool card_type:str? card_name:str? card_number:str? masked_credit_card_number:str? card_cvv2:str? card_expiration_month:str? card_expiration_year:str? authorization_transaction_id:str? authorization_transaction_code:str? authorization_transaction_result:str? capture_transaction_id:str? capture_transaction_result:str? subscription_transaction_id:str? paid_date_utc:date? shipping_method:str? shipping_rate_computation_method_system_name:str? custom_values_xml:str? deleted:bool created_on_utc:date custom_order_number:str? redeemed_reward_points_entry_id:int? id:int',
  OrderItemDto:
    'order_item_guid:uuid order_id:int product_id:int quantity:int unit_price_incl_tax:num unit_price_excl_tax:num price_incl_tax:num price_excl_tax:num discount_amount_incl_tax:num discount_amount_excl_tax:num original_product_cost:num attribute_description:str? attributes_xml:str? download_count:int is_download_activated:bool license_download_id:int? item_weight:num? rental_start_date_utc:date? rental_end_date_utc:date? id:int',
  OrderNoteDto: 'order_id:int note:str? download_id:int display_to_customer:bool created_on_utc:date id:int',
  AddressDto:
    'first_name:str? last_name:str? email:str? company:str? country_id:int? state_province_id:int? county:str? city:str? address1:str? address2:str? zip_postal_code:str? phone_number:str? fax_number:str? custom_attributes:str? created_on_utc:date id:int',
  CustomerDto:
    'customer_guid:uuid username:str? email:str? email_to_revalidate:str? admin_comment:str? is_tax_exempt:bool affiliate_id:int vendor_id:int has_shopping_cart_items:bool require_re_login:bool failed_login_attempts:int cannot_login_until_date_utc:date? active:bool deleted:bool is_system_account:bool system_name:str? last_ip_address:str? created_on_utc:date last_login_date_utc:date? last_activity_date_utc:date registered_in_store_id:int billing_address_id:int? shipping_address_id:int? id:int',
  CustomerRoleDto:
    'name:str? free_shipping:bool tax_exempt:bool active:bool is_system_role:bool system_name:str? enable_password_lifetime:bool override_tax_display_type:bool default_tax_display_type_id:int purchased_with_product_id:int id:int',
  CustomerCustomerRoleMappingDto: 'customer_id:int customer_role_id:int id:int',
  ShipmentDto:
    'order_id:int tracking_number:str? total_weight:num? shipped_date_utc:date? delivery_date_utc:date? admin_comment:str? created_on_utc:date id:int',
  ShipmentItemDto: 'shipment_id:int order_item_id:int quantity:int warehouse_id:int id:int',
  StockQuantityHistoryDto:
    'quantity_adjustment:int stock_quantity:int message:str? created_on_utc:date product_id:int combination_id:int? warehouse_id:int? id:int',
} as const;

export type DtoName = keyof typeof V106;

/** Customer profile columns moved onto the customer row in 4.60 (`customer_data_migrate`). */
const CUSTOMER_460 =
  'first_name:str? last_name:str? gender:str? date_of_birth:date? company:str? street_address:str? street_address2:str? zip_postal_code:str? city:str? county:str? country_id:int state_province_id:int phone:str? fax:str? vat_number:str? vat_number_status_id:int time_zone_id:str? custom_customer_attributes_xml:str? currency_id:int? language_id:int? tax_display_type_id:int?';

function parse(spec: string): FieldSpec[] {
  return spec
    .split(' ')
    .filter((s) => s.length > 0)
    .map((part) => {
      const [name, rawType] = part.split(':') as [string, string];
      const nullable = rawType.endsWith('?');
      return { name, type: rawType.replace('?', '') as FieldType, nullable };
    });
}

function adjust(name: DtoName, version: SimVersion): FieldSpec[] {
  let fields = parse(V106[name]);
  const modern = version !== '4.60';
  const drop = (field: string): void => {
    fields = fields.filter((f) => f.name !== field);
  };
  const add = (spec: string): void => {
    const extra = parse(spec);
    const idIndex = fields.findIndex((f) => f.name === 'id');
    fields = [...fields.slice(0, idIndex), ...extra, ...fields.slice(idIndex)];
  };
  switch (name) {
    case 'ProductDto':
      if (modern) {
        drop('is_telecommunications_or_broadcasting_or_electronic_services');
        add('display_attribute_combination_images_only:bool');
      }
      break;
    case 'ProductAttributeCombinationDto':
    case 'ProductAttributeValueDto':
      // 4.70 moved these pictures to their own mapping tables.
      if (modern) drop('picture_id');
      break;
    case 'CustomerDto':
      add(CUSTOMER_460);
      break;
    case 'DiscountDto':
      // Discount.IsActive arrived with 4.60 (the v1.06 document predates it).
      add('is_active:bool');
      break;
    default:
      break;
  }
  return fields;
}

const cache = new Map<string, FieldSpec[]>();

export function dtoFields(name: DtoName, version: SimVersion): FieldSpec[] {
  const key = `${name}@${version}`;
  let fields = cache.get(key);
  if (!fields) {
    fields = adjust(name, version);
    cache.set(key, fields);
  }
  return fields;
}
