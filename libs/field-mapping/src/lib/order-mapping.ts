import { Decimal } from 'decimal.js';
import {
  OrderStatus,
  PaymentStatus,
  parseNopDate,
  type AddressDto,
  type CustomerDto,
  type OrderDto,
  type OrderItemDto,
} from '@pcknop/nopcommerce-client';
import type { Order as PckOrder, OrderLine as PckOrderLine } from '@pcknop/pck-contract';
import {
  TwinOrderLineKind,
  TwinOrderStatus,
  type TwinAddress,
  type TwinOrder,
  type TwinOrderLine,
} from '@pcknop/twinxml';
import { FieldMappingError, FieldMappingErrorCode } from './field-mapping.exception';
import { roundOre } from './money';
import { fillTemplate } from './pck-text';
import type { MappingProfile } from './profile/mapping-profile';
import { parsePckProductKey } from './source-keys';

/** One nop order item with what the caller resolved through its bindings (nop order items carry no SKU). */
export interface NopOrderItemInput {
  item: OrderItemDto;
  sku?: string;
  /** Twin product key (`a:<articleId>`). */
  productKey?: string;
  /** Twin variant key (`a:<articleId>:sc:<sizeColorId>`). */
  variantKey?: string;
  /** Display name (nop items have none); defaults to the attribute description or the SKU. */
  name?: string;
}

export interface NopOrderInput {
  order: OrderDto;
  items: NopOrderItemInput[];
  billingAddress: AddressDto;
  shippingAddress?: AddressDto;
  customer?: CustomerDto;
  /** nop country_id → ISO 3166-1 alpha-2; unknown ids become `NO`. */
  countryCodes?: Readonly<Record<number, string>>;
}

/**
 * What PCK needs that TwinOrder (v1) has no field for. Narrow local type until twinxml carries it:
 * store pickup is otherwise only derivable from the freight line's name.
 */
export interface PckOrderHints {
  storePickup?: boolean;
}

export interface NopOrderToTwinResult {
  order: TwinOrder;
  hints: PckOrderHints;
  warnings: string[];
}

const dec = (n: number | null | undefined): Decimal => new Decimal(String(n ?? 0));

function statusOf(id: number | undefined): TwinOrderStatus {
  switch (id) {
    case OrderStatus.Processing:
      return TwinOrderStatus.Processing;
    case OrderStatus.Complete:
      return TwinOrderStatus.Complete;
    case OrderStatus.Cancelled:
      return TwinOrderStatus.Cancelled;
    default:
      return TwinOrderStatus.Pending;
  }
}

function address(a: AddressDto, countries: Readonly<Record<number, string>>): TwinAddress {
  const name = [a.first_name, a.last_name].filter((s) => s && s.trim()).join(' ');
  const out: TwinAddress = {
    line1: a.address1 ?? '',
    postalCode: a.zip_postal_code ?? '',
    city: a.city ?? '',
    countryCode: (a.country_id && countries[a.country_id]) || 'NO',
  };
  if (name) out.name = name;
  if (a.company) out.company = a.company;
  if (a.address2) out.line2 = a.address2;
  if (a.phone_number) out.phone = a.phone_number;
  if (a.email) out.email = a.email;
  return out;
}

/** VAT percent from gross and net, to 2 decimals (nop stores both; the rate itself is not on the item). */
function vatRateOf(gross: Decimal, net: Decimal): Decimal {
  if (net.isZero()) return new Decimal(0);
  return gross.div(net).minus(1).mul(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** A nopCommerce order (with its items and addresses, fetched by the caller) → TwinOrder. Pure, synchronous. */
export function nopOrderToTwin(profile: MappingProfile, input: NopOrderInput): NopOrderToTwinResult {
  const o = input.order;
  const countries = input.countryCodes ?? {};
  const warnings: string[] = [];
  if (o.id === undefined) throw new FieldMappingError(FieldMappingErrorCode.MISSING_VALUE, { path: 'order.id' });

  const lines: TwinOrderLine[] = input.items.map(({ item, sku, productKey, variantKey, name }) => {
    const qty = new Decimal(item.quantity ?? 0);
    const unit = dec(item.unit_price_incl_tax);
    const lineTotal = dec(item.price_incl_tax);
    const gross = unit.mul(qty);
    // If nop's unit price is already net of the discount, gross − total is 0 and nothing is counted twice.
    const discount = Decimal.max(0, gross.minus(lineTotal));
    const line: TwinOrderLine = {
      lineId: String(item.id ?? ''),
      kind: TwinOrderLineKind.Product,
      name:
        name ??
        (item.attribute_description?.replace(/<[^>]*>/g, ' ').trim() || sku || `Produkt ${item.product_id ?? ''}`),
      quantity: qty,
      unitPrice: unit,
      vatRate: vatRateOf(unit, dec(item.unit_price_excl_tax)),
      discount: roundOre(discount),
    };
    if (sku) line.sku = sku;
    if (productKey) line.productKey = productKey;
    if (variantKey) line.variantKey = variantKey;
    return line;
  });

  const shipping = dec(o.order_shipping_incl_tax);
  if (shipping.gt(0)) {
    lines.push({
      lineId: String(-10),
      kind: TwinOrderLineKind.Freight,
      name: o.shipping_method || profile.orders.freightDescription,
      quantity: new Decimal(1),
      unitPrice: shipping,
      vatRate: vatRateOf(shipping, dec(o.order_shipping_excl_tax)),
      discount: new Decimal(0),
    });
  }
  const fee = dec(o.payment_method_additional_fee_incl_tax);
  if (fee.gt(0)) {
    lines.push({
      lineId: String(-11),
      kind: TwinOrderLineKind.Fee,
      name: profile.orders.feeDescription,
      quantity: new Decimal(1),
      unitPrice: fee,
      vatRate: vatRateOf(fee, dec(o.payment_method_additional_fee_excl_tax)),
      discount: new Decimal(0),
    });
  }
  const orderDiscount = dec(o.order_discount).plus(dec(o.order_sub_total_discount_incl_tax));
  if (orderDiscount.gt(0))
    warnings.push(
      `order ${o.id}: order-level discount ${orderDiscount.toFixed(2)} is not on any line; PCK will not see it`,
    );

  const billing = address(input.billingAddress, countries);
  const email = input.billingAddress.email || input.customer?.email || '';
  const order: TwinOrder = {
    key: String(o.id),
    createdAt: parseNopDate(o.created_on_utc) ?? new Date(0),
    status: statusOf(o.order_status_id),
    customer: { email },
    invoiceAddress: billing,
    lines,
    payment: {
      method: o.payment_method_system_name ?? '',
      captured: o.payment_status_id === PaymentStatus.Paid ? dec(o.order_total) : new Decimal(0),
    },
    total: dec(o.order_total),
  };
  if (o.custom_order_number) order.orderNumber = o.custom_order_number;
  const paid = parseNopDate(o.paid_date_utc);
  if (paid) order.paidAt = paid;
  if (input.shippingAddress && !o.pickup_in_store) order.deliveryAddress = address(input.shippingAddress, countries);
  if (o.customer_id) order.customer.key = String(o.customer_id);
  if (input.billingAddress.first_name) order.customer.firstName = input.billingAddress.first_name;
  if (input.billingAddress.last_name) order.customer.lastName = input.billingAddress.last_name;
  if (input.billingAddress.company) order.customer.company = input.billingAddress.company;
  if (input.billingAddress.phone_number) order.customer.phone = input.billingAddress.phone_number;
  if (o.vat_number) order.customer.organisationNumber = o.vat_number;
  const transaction = o.capture_transaction_id || o.authorization_transaction_id;
  if (transaction) order.payment.transactionRef = transaction;
  if (o.payment_status_id === PaymentStatus.Authorized) order.payment.authorised = dec(o.order_total);
  if (o.checkout_attribute_description) order.note = o.checkout_attribute_description.replace(/<[^>]*>/g, ' ').trim();

  return { order, hints: { storePickup: o.pickup_in_store === true }, warnings };
}

export interface TwinOrderToPckResult {
  order: PckOrder;
  warnings: string[];
}

const PAYMENT_CODES = { prepaid: 1, cod: 2, credit: 3 } as const;

/**
 * TwinOrder → PCK's `order` for getOrders. Pure, synchronous. Product lines must carry PCK keys (productKey or
 * variantKey); a line PCK cannot identify is an error, since a web order must never reach the till half-mapped.
 */
export function twinOrderToPck(
  profile: MappingProfile,
  order: TwinOrder,
  hints: PckOrderHints = {},
): TwinOrderToPckResult {
  const cfg = profile.orders;
  const warnings: string[] = [];
  const deltaOrderId = Number(order.key);
  if (!Number.isSafeInteger(deltaOrderId)) {
    throw new FieldMappingError(FieldMappingErrorCode.MISSING_VALUE, {
      path: 'order.key',
      detail: `PCK needs a numeric shop order id, got "${order.key}"`,
    });
  }
  const kind = cfg.paymentMethods[order.payment.method] ?? cfg.defaultPaymentKind;

  const orderLines: PckOrderLine[] = [];
  let freight = new Decimal(0);
  let fee = new Decimal(0);
  const freightNames: string[] = [];
  const feeNames: string[] = [];
  for (const l of order.lines) {
    const lineTotal = l.unitPrice.mul(l.quantity).minus(l.discount);
    if (l.kind === TwinOrderLineKind.Freight) {
      freight = freight.plus(lineTotal);
      if (l.name) freightNames.push(l.name);
      continue;
    }
    if (l.kind === TwinOrderLineKind.Fee) {
      fee = fee.plus(lineTotal);
      if (l.name) feeNames.push(l.name);
      continue;
    }
    const ids = parsePckProductKey(l.variantKey ?? l.productKey);
    if (!ids) {
      throw new FieldMappingError(FieldMappingErrorCode.MISSING_VALUE, {
        path: `order ${order.key} line ${l.lineId}`,
        detail: `no PCK article for "${l.sku ?? l.name}" (productKey/variantKey missing or not a PCK key)`,
      });
    }
    orderLines.push(pckLine(l, ids.articleId, ids.sizeColorId, warnings, order.key));
  }

  const pickupByName = freightNames.some((n) =>
    cfg.pickupShippingMethods.some((m) => m.toLowerCase() === n.toLowerCase()),
  );
  const storePickup = hints.storePickup ?? pickupByName;
  const inv = order.invoiceAddress;
  const del = order.deliveryAddress ?? (storePickup ? undefined : inv);
  const pck: PckOrder = {
    alternativeTax: false,
    contactId:
      cfg.customerMode === 'singleCustomer' ? (cfg.webshopCustomerId ?? 0) : Number(order.customer.key ?? 0) || 0,
    deltaOrderId,
    extraCost: roundOre(fee),
    freightCost: roundOre(freight),
    orderLines,
    paymentMethod: PAYMENT_CODES[kind],
    storePickup,
    taxExempt: false,
  };
  const set = <K extends keyof PckOrder>(k: K, v: PckOrder[K] | undefined | ''): void => {
    if (v !== undefined && v !== '') pck[k] = v as PckOrder[K];
  };
  set(
    'contactName',
    inv.company || inv.name || [order.customer.firstName, order.customer.lastName].filter(Boolean).join(' '),
  );
  set('contactAddressline1', inv.line1);
  set('contactAddressline2', inv.line2);
  set('contactPostNo', inv.postalCode);
  set('contactPostCity', inv.city);
  set('email', order.customer.email || inv.email);
  set('phone', inv.phone ?? order.customer.phone);
  if (del) {
    set('deliveryName', del.name ?? del.company);
    set('deliveryAddressLine1', del.line1);
    set('deliveryAddressLine2', del.line2);
    set('deliveryPostNo', del.postalCode);
    set('deliveryPostCity', del.city);
    set('deliveryPhone', del.phone);
    set('deliveryEmail', del.email);
  }
  if (freight.gt(0)) set('freightCostDescription', describe(cfg.freightDescription, freightNames));
  if (fee.gt(0)) set('extraCostDescription', describe(cfg.feeDescription, feeNames));
  set('message', order.note);
  set(
    'reference',
    fillTemplate(cfg.referenceTemplate, { orderId: order.key, customOrderNumber: order.orderNumber ?? order.key }),
  );
  if (kind === 'credit' && pck.contactId === 0)
    warnings.push(`order ${order.key}: credit order without a customer id; PCK will refuse it`);
  return { order: pck, warnings };
}

function describe(base: string, names: string[]): string {
  const extra = names.filter((n) => n.toLowerCase() !== base.toLowerCase());
  return extra.length > 0 ? `${base}: ${extra.join(', ')}` : base;
}

/**
 * PCK takes a unit price and a discount percentage. The percentage (4 decimals) is used when it reproduces the
 * line total to the øre; otherwise the line goes as a net unit price with 0 %, so the till's sum is right.
 */
function pckLine(
  l: TwinOrderLine,
  articleId: number,
  sizeColorId: number | undefined,
  warnings: string[],
  orderKey: string,
): PckOrderLine {
  const gross = l.unitPrice.mul(l.quantity);
  const total = roundOre(gross.minus(l.discount));
  let price = roundOre(l.unitPrice);
  let pct = new Decimal(0);
  if (l.discount.gt(0) && gross.gt(0)) {
    pct = l.discount.div(gross).mul(100).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
    const tillTotal = roundOre(price.mul(l.quantity).mul(new Decimal(1).minus(pct.div(100))));
    if (!tillTotal.eq(total)) {
      pct = new Decimal(0);
      price = roundOre(total.div(l.quantity));
      if (!roundOre(price.mul(l.quantity)).eq(total))
        warnings.push(
          `order ${orderKey} line ${l.lineId}: line total ${total.toFixed(2)} cannot be split exactly per unit`,
        );
    }
  }
  const count = l.quantity.floor().toNumber();
  const line: PckOrderLine = {
    articleId,
    count,
    discount: pct,
    orderLineId: Number(l.lineId),
    price,
  };
  if (!l.quantity.isInteger()) line.qty = l.quantity;
  if (sizeColorId !== undefined) line.sizeColorId = sizeColorId;
  return line;
}
