import Decimal from 'decimal.js';
import type { SimContext } from './context';
import { Row, blankRow } from './dto';
import type { DtoName } from './dto-spec';
import { formatNopDate, parseNopDate } from './clock';
import type { TableName } from './store';
import { FinalPriceQuery, finalPrice } from './pricing';
import { adjustInventory } from './routes/products.routes';
import { addRole } from './routes/customers.routes';
import { OrderStatus, PaymentStatus, ShippingStatus, checkOrderStatus } from './order-workflow';
import type { GuidSource } from './seed-data';

export interface SeedOrderItem {
  /** Product id, or a product/combination SKU (resolved like the shop would at checkout). */
  productId?: number;
  sku?: string;
  quantity: number;
  /** Unit price incl. tax. */
  unitPrice: number;
  attributesXml?: string;
}

export interface SeedAddress {
  first_name?: string;
  last_name?: string;
  email?: string;
  company?: string;
  country_id?: number;
  city?: string;
  address1?: string;
  address2?: string;
  zip_postal_code?: string;
  phone_number?: string;
}

export interface SeedOrderInput {
  items: SeedOrderItem[];
  /** Customer by email; created (registered, no password) when missing. Default `buyer@example.com`. */
  customerEmail?: string;
  /** Default true: payment Paid, order Processing. false: payment Pending, order Pending. */
  paid?: boolean;
  /** A card payment authorised at checkout and captured later: payment Authorized, order Processing. Wins over `paid`. */
  authorized?: boolean;
  shippingRequired?: boolean;
  shippingCost?: number;
  /** VAT rate in percent; prices are taken as incl. tax. Default 25 (Norway). */
  vatRate?: number;
  paymentMethodSystemName?: string;
  createdOnUtc?: string | Date;
  customOrderNumber?: string;
  billing?: SeedAddress;
  shipping?: SeedAddress;
  pickupInStore?: boolean;
  /** Lower stock like checkout does. Default true. */
  adjustStock?: boolean;
}

export interface SeededOrder {
  order: Record<string, unknown>;
  items: Record<string, unknown>[];
  customer: Record<string, unknown>;
  billingAddress: Record<string, unknown>;
  shippingAddress: Record<string, unknown> | null;
}

export interface AddCustomerInput {
  email: string;
  password?: string;
  /** Role system names; default ['Registered']. Only 'Administrators' may call the API. */
  roles?: string[];
  active?: boolean;
  deleted?: boolean;
  /** An active MFA provider makes GetToken fail. */
  mfaEnabled?: boolean;
  requireReLogin?: boolean;
}

const DTO_OF: Partial<Record<TableName, DtoName>> = {
  products: 'ProductDto',
  categories: 'CategoryDto',
  manufacturers: 'ManufacturerDto',
  productCategories: 'ProductCategoryDto',
  productManufacturers: 'ProductManufacturerDto',
  productAttributes: 'ProductAttributeDto',
  attributeMappings: 'ProductAttributeMappingDto',
  attributeValues: 'ProductAttributeValueDto',
  combinations: 'ProductAttributeCombinationDto',
  tierPrices: 'TierPriceDto',
  discounts: 'DiscountDto',
  discountProducts: 'DiscountProductMappingDto',
  pictures: 'PictureDto',
  productPictures: 'ProductPictureDto',
  orders: 'OrderDto',
  orderItems: 'OrderItemDto',
  orderNotes: 'OrderNoteDto',
  addresses: 'AddressDto',
  customers: 'CustomerDto',
  shipments: 'ShipmentDto',
  shipmentItems: 'ShipmentItemDto',
  stockHistory: 'StockQuantityHistoryDto',
};

/** The in-process inspection API (`sim.state`). Reads return copies; writes go through nop's own rules. */
export class SimInspector {
  constructor(
    private readonly ctx: SimContext,
    private readonly guids: GuidSource,
    private readonly callMap: Map<string, number>,
    private readonly resetAll: () => void,
  ) {}

  /** Rows of any table as the API would serialise them (raw rows for internal tables). */
  list(table: TableName): Record<string, unknown>[] {
    const dto = DTO_OF[table];
    const rows = this.ctx.store.t[table].all();
    return dto ? rows.map((r) => this.ctx.dto(dto, r)) : rows;
  }

  products(): Record<string, unknown>[] {
    return this.list('products');
  }
  product(id: number): Record<string, unknown> | undefined {
    const row = this.ctx.store.t.products.get(id);
    return row ? this.ctx.dto('ProductDto', row) : undefined;
  }
  /** Every product with this SKU (duplicates are possible), lowest id first. */
  productsBySku(sku: string): Record<string, unknown>[] {
    return this.products().filter((p) => p.sku === sku);
  }
  combinations(productId?: number): Record<string, unknown>[] {
    return this.list('combinations').filter((c) => productId === undefined || c.product_id === productId);
  }
  pictures(): (Record<string, unknown> & { size: number })[] {
    return this.ctx.store.t.pictures
      .all()
      .map((p) => ({ ...this.ctx.dto('PictureDto', p), size: this.ctx.store.pictureBinaries.get(p.id)?.length ?? 0 }));
  }
  pictureBinary(id: number): Buffer | undefined {
    return this.ctx.store.pictureBinaries.get(id);
  }
  orders(): Record<string, unknown>[] {
    return this.list('orders');
  }
  orderNotes(orderId: number): Record<string, unknown>[] {
    return this.list('orderNotes').filter((n) => n.order_id === orderId);
  }
  customers(): Record<string, unknown>[] {
    return this.list('customers');
  }

  /** Calls per route, keyed `"GET /api-backend/Product/GetById/:id"`. */
  calls(): Record<string, number> {
    return Object.fromEntries([...this.callMap.entries()].sort());
  }
  /** Calls to one route; `path` as registered, e.g. `/Product/GetProductBySku` (the /api-backend prefix is optional). */
  callCount(method: string, path: string): number {
    const full = path.startsWith('/api-backend') || path.startsWith('/swagger-backend') ? path : `/api-backend${path}`;
    const wanted = `${method.toUpperCase()} ${full}`.toLowerCase();
    let n = 0;
    for (const [key, count] of this.callMap) if (key.toLowerCase() === wanted) n += count;
    return n;
  }
  totalCalls(): number {
    let n = 0;
    for (const count of this.callMap.values()) n += count;
    return n;
  }
  resetCalls(): void {
    this.callMap.clear();
  }

  /** Price nop would charge per unit (decimal string), see pricing.ts. */
  finalPrice(q: FinalPriceQuery): string {
    return finalPrice(this.ctx, q);
  }

  /** Back to a fresh install (roles + admin), no call counts. Faults and clock are separate. */
  reset(): void {
    this.resetAll();
  }

  addCustomer(input: AddCustomerInput): Record<string, unknown> {
    const now = this.ctx.now();
    const row = this.ctx.store.t.customers.insert({
      ...blankRow('CustomerDto', this.ctx.settings.version, {
        customer_guid: this.guids.next(),
        username: input.email,
        email: input.email,
        active: input.active ?? true,
        deleted: input.deleted ?? false,
        require_re_login: input.requireReLogin ?? false,
        created_on_utc: now,
        last_activity_date_utc: now,
        registered_in_store_id: 1,
      }),
      mfa_enabled: input.mfaEnabled ?? false,
    });
    if (input.password !== undefined) {
      this.ctx.store.t.customerPasswords.insert({
        customer_id: row.id,
        password: input.password,
        password_format_id: 0,
        created_on_utc: now,
      });
    }
    for (const name of input.roles ?? ['Registered']) {
      const role = this.ctx.store.t.customerRoles.find((r) => r.system_name === name);
      if (role) addRole(this.ctx, row.id, role.id);
    }
    return this.ctx.dto('CustomerDto', row);
  }

  /** Places an order the way checkout would leave it, so the gateway has something to fetch. */
  seedOrder(input: SeedOrderInput): SeededOrder {
    const { ctx } = this;
    const t = ctx.store.t;
    const version = ctx.settings.version;
    if (input.items.length === 0) throw new RangeError('an order needs items');
    const created =
      input.createdOnUtc === undefined
        ? ctx.now()
        : formatNopDate(
            input.createdOnUtc instanceof Date
              ? input.createdOnUtc
              : (parseNopDate(input.createdOnUtc) ?? new Date(NaN)),
          );
    const email = input.customerEmail ?? 'buyer@example.com';
    let customer = t.customers.find(
      (c) => typeof c.email === 'string' && c.email.toLowerCase() === email.toLowerCase(),
    );
    if (!customer) customer = t.customers.get(Number(this.addCustomer({ email }).id)) as Row;
    const address = (a: SeedAddress | undefined): Row =>
      t.addresses.insert(
        blankRow('AddressDto', version, {
          first_name: 'Kari',
          last_name: 'Nordmann',
          email,
          country_id: 1,
          city: 'Oslo',
          address1: 'Karl Johans gate 1',
          zip_postal_code: '0154',
          phone_number: '+4712345678',
          ...a,
          created_on_utc: created,
        }),
      );
    const billing = address(input.billing);
    const shippingRequired = input.shippingRequired ?? true;
    const shipping = shippingRequired && !input.pickupInStore ? address(input.shipping ?? input.billing) : null;
    for (const a of [billing, shipping])
      if (a) t.customerAddresses.insert({ customer_id: customer.id, address_id: a.id });

    const vat = new Decimal(input.vatRate ?? 25);
    const exclTax = (incl: Decimal): Decimal => incl.mul(100).div(vat.plus(100)).toDecimalPlaces(4);
    const lines = input.items.map((item) => {
      let productId = item.productId;
      let xml = item.attributesXml ?? '';
      if (productId === undefined && item.sku !== undefined) {
        const product = t.products.find((p) => !p.deleted && p.sku === item.sku);
        const combination = t.combinations.find((c) => c.sku === item.sku);
        if (product) productId = product.id;
        else if (combination) {
          productId = Number(combination.product_id);
          xml = String(combination.attributes_xml ?? '');
        }
      }
      if (productId === undefined || !t.products.has(productId))
        throw new RangeError(`unknown product ${item.productId ?? item.sku}`);
      const unit = new Decimal(item.unitPrice).toDecimalPlaces(4);
      return { productId, xml, quantity: item.quantity, unit, line: unit.mul(item.quantity) };
    });
    const subtotal = lines.reduce((s, l) => s.plus(l.line), new Decimal(0));
    const shippingCost = new Decimal(input.shippingCost ?? 0).toDecimalPlaces(4);
    const total = subtotal.plus(shippingCost);
    const tax = total.minus(exclTax(total));
    const paid = input.paid ?? true;
    const order = t.orders.insert(
      blankRow('OrderDto', version, {
        order_guid: this.guids.next(),
        store_id: 1,
        customer_id: customer.id,
        billing_address_id: billing.id,
        shipping_address_id: shipping?.id ?? null,
        pickup_in_store: input.pickupInStore ?? false,
        order_status_id: OrderStatus.Pending,
        shipping_status_id: shippingRequired ? ShippingStatus.NotYetShipped : ShippingStatus.NotRequired,
        payment_status_id: PaymentStatus.Pending,
        // An authorised card payment needs a method that can capture (as a real card gateway can).
        payment_method_system_name:
          input.paymentMethodSystemName ?? (input.authorized ? 'Payments.SimGateway' : 'Payments.CheckMoneyOrder'),
        customer_currency_code: 'NOK',
        currency_rate: 1,
        customer_tax_display_type_id: 0,
        order_subtotal_incl_tax: subtotal.toNumber(),
        order_subtotal_excl_tax: exclTax(subtotal).toNumber(),
        order_shipping_incl_tax: shippingCost.toNumber(),
        order_shipping_excl_tax: exclTax(shippingCost).toNumber(),
        tax_rates: `${vat.toFixed(4)}:${tax.toFixed(4)};`,
        order_tax: tax.toNumber(),
        order_total: total.toNumber(),
        refunded_amount: 0,
        customer_language_id: 1,
        customer_ip: '127.0.0.1',
        shipping_method: shippingRequired ? 'Ground' : null,
        created_on_utc: created,
      }),
    );
    t.orders.patch(order.id, { custom_order_number: input.customOrderNumber ?? String(order.id) });
    const items = lines.map((l) =>
      t.orderItems.insert(
        blankRow('OrderItemDto', version, {
          order_item_guid: this.guids.next(),
          order_id: order.id,
          product_id: l.productId,
          quantity: l.quantity,
          unit_price_incl_tax: l.unit.toNumber(),
          unit_price_excl_tax: exclTax(l.unit).toNumber(),
          price_incl_tax: l.line.toNumber(),
          price_excl_tax: exclTax(l.line).toNumber(),
          attributes_xml: l.xml,
          attribute_description: '',
        }),
      ),
    );
    if (input.adjustStock ?? true) {
      for (const l of lines) {
        const product = t.products.get(l.productId) as Row;
        adjustInventory(
          ctx,
          product,
          -l.quantity,
          l.xml,
          `The stock quantity has been reduced by placing the order #${order.id}`,
        );
      }
    }
    if (input.authorized) {
      t.orders.patch(order.id, { payment_status_id: PaymentStatus.Authorized });
    } else if (paid) {
      t.orders.patch(order.id, { payment_status_id: PaymentStatus.Paid, paid_date_utc: created });
    }
    checkOrderStatus(ctx, order.id);
    return {
      order: ctx.dto('OrderDto', t.orders.get(order.id) as Row),
      items: items.map((i) => ctx.dto('OrderItemDto', i)),
      customer: ctx.dto('CustomerDto', customer),
      billingAddress: ctx.dto('AddressDto', billing),
      shippingAddress: shipping ? ctx.dto('AddressDto', shipping) : null,
    };
  }
}
