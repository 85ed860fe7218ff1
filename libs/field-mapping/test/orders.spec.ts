import { Decimal } from 'decimal.js';
import type { AddressDto, OrderDto } from '@pcknop/nopcommerce-client';
import { FieldMappingErrorCode, nopOrderToTwin, twinOrderToPck, type NopOrderInput } from '../src';
import { profileWith } from './fixtures';

const billing: AddressDto = {
  first_name: 'Åse',
  last_name: 'Ødegård',
  email: 'ase@example.no',
  address1: 'Storgata 1',
  address2: 'Oppgang B',
  zip_postal_code: '0155',
  city: 'Oslo',
  country_id: 1,
  phone_number: '+4791234567',
};
const shipping: AddressDto = {
  ...billing,
  first_name: 'Bjørn',
  address1: 'Strandveien 9',
  zip_postal_code: '9008',
  city: 'Tromsø',
};
const order: OrderDto = {
  id: 1234,
  custom_order_number: '1234',
  customer_id: 77,
  order_status_id: 20,
  payment_status_id: 30,
  payment_method_system_name: 'Payments.Vipps',
  order_shipping_incl_tax: 99,
  order_shipping_excl_tax: 79.2,
  payment_method_additional_fee_incl_tax: 25,
  payment_method_additional_fee_excl_tax: 20,
  shipping_method: 'Posten Servicepakke',
  order_total: 1947.7,
  created_on_utc: '2025-03-30T00:30:00',
  paid_date_utc: '2025-03-30T00:31:00',
  pickup_in_store: false,
  checkout_attribute_description: 'Gaveinnpakning',
};
const input = (o: Partial<OrderDto> = {}): NopOrderInput => ({
  order: { ...order, ...o },
  billingAddress: billing,
  shippingAddress: shipping,
  countryCodes: { 1: 'NO' },
  items: [
    {
      item: {
        id: 501,
        product_id: 10,
        quantity: 2,
        unit_price_incl_tax: 899,
        unit_price_excl_tax: 719.2,
        price_incl_tax: 1618.2,
        discount_amount_incl_tax: 179.8,
      },
      sku: 'GENSER-1-1',
      productKey: 'a:900',
      variantKey: 'a:900:sc:1',
      name: 'Strikkegenser Rød S',
    },
    {
      item: {
        id: 502,
        product_id: 11,
        quantity: 1,
        unit_price_incl_tax: 49.9,
        unit_price_excl_tax: 43.3913,
        price_incl_tax: 49.9,
      },
      sku: 'BLÅ-100',
      productKey: 'a:4711',
    },
  ],
});

describe('nopOrderToTwin', () => {
  it('maps an order with lines, freight, fee and addresses (golden)', () => {
    const r = nopOrderToTwin(profileWith(), input());
    const o = r.order;
    expect(o).toMatchObject({
      key: '1234',
      orderNumber: '1234',
      status: 'processing',
      createdAt: new Date('2025-03-30T00:30:00Z'),
      paidAt: new Date('2025-03-30T00:31:00Z'),
      customer: { key: '77', email: 'ase@example.no', firstName: 'Åse', lastName: 'Ødegård', phone: '+4791234567' },
      invoiceAddress: {
        name: 'Åse Ødegård',
        line1: 'Storgata 1',
        line2: 'Oppgang B',
        postalCode: '0155',
        city: 'Oslo',
        countryCode: 'NO',
      },
      deliveryAddress: { name: 'Bjørn Ødegård', city: 'Tromsø' },
      payment: { method: 'Payments.Vipps', captured: new Decimal('1947.7') },
      total: new Decimal('1947.7'),
      note: 'Gaveinnpakning',
    });
    expect(
      o.lines.map((l) => [
        l.lineId,
        l.kind,
        l.name,
        l.quantity.toString(),
        l.unitPrice.toString(),
        l.vatRate.toString(),
        l.discount.toString(),
      ]),
    ).toEqual([
      ['501', 'product', 'Strikkegenser Rød S', '2', '899', '25', '179.8'],
      ['502', 'product', 'BLÅ-100', '1', '49.9', '15', '0'],
      ['-10', 'freight', 'Posten Servicepakke', '1', '99', '25', '0'],
      ['-11', 'fee', 'Gebyr', '1', '25', '25', '0'],
    ]);
    expect(r.hints).toEqual({ storePickup: false });
  });

  it('store pickup: no delivery address, hint set', () => {
    const r = nopOrderToTwin(profileWith(), input({ pickup_in_store: true, order_shipping_incl_tax: 0 }));
    expect(r.order.deliveryAddress).toBeUndefined();
    expect(r.hints.storePickup).toBe(true);
  });
});

describe('twinOrderToPck', () => {
  const twin = nopOrderToTwin(profileWith(), input());

  it('all orders on «Webshop kunde», freight and fee as −10/−11 with descriptions (golden, øre exact)', () => {
    const { order: pck, warnings } = twinOrderToPck(profileWith(), twin.order, twin.hints);
    expect(warnings).toEqual([]);
    expect(pck).toEqual({
      alternativeTax: false,
      contactId: 10001,
      contactName: 'Åse Ødegård',
      contactAddressline1: 'Storgata 1',
      contactAddressline2: 'Oppgang B',
      contactPostNo: '0155',
      contactPostCity: 'Oslo',
      deltaOrderId: 1234,
      email: 'ase@example.no',
      phone: '+4791234567',
      deliveryName: 'Bjørn Ødegård',
      deliveryAddressLine1: 'Strandveien 9',
      deliveryAddressLine2: 'Oppgang B',
      deliveryPostNo: '9008',
      deliveryPostCity: 'Tromsø',
      deliveryPhone: '+4791234567',
      deliveryEmail: 'ase@example.no',
      extraCost: new Decimal(25),
      extraCostDescription: 'Gebyr',
      freightCost: new Decimal(99),
      freightCostDescription: 'Frakt: Posten Servicepakke',
      message: 'Gaveinnpakning',
      orderLines: [
        {
          articleId: 900,
          sizeColorId: 1,
          count: 2,
          discount: new Decimal(10),
          orderLineId: 501,
          price: new Decimal(899),
        },
        { articleId: 4711, count: 1, discount: new Decimal(0), orderLineId: 502, price: new Decimal('49.9') },
      ],
      paymentMethod: 1,
      reference: 'Webordre 1234',
      storePickup: false,
      taxExempt: false,
    });
  });

  it('new customer per order and payment codes COD 2 / credit 3', () => {
    const profile = profileWith({
      orders: {
        customerMode: 'customerPerOrder',
        paymentMethods: { 'Payments.Vipps': 'cod', 'Payments.Invoice': 'credit' },
      },
    });
    expect(twinOrderToPck(profile, twin.order).order).toMatchObject({ contactId: 77, paymentMethod: 2 });
    const credit = { ...twin.order, payment: { ...twin.order.payment, method: 'Payments.Invoice' } };
    expect(twinOrderToPck(profile, credit).order.paymentMethod).toBe(3);
  });

  it('store pickup from the hint, or from a configured shipping method name', () => {
    const pickup = nopOrderToTwin(profileWith(), input({ pickup_in_store: true }));
    expect(twinOrderToPck(profileWith(), pickup.order, pickup.hints).order).toMatchObject({ storePickup: true });
    expect(twinOrderToPck(profileWith(), pickup.order, pickup.hints).order.deliveryName).toBeUndefined();
    const byName = profileWith({ orders: { pickupShippingMethods: ['posten servicepakke'] } });
    expect(twinOrderToPck(byName, twin.order).order.storePickup).toBe(true);
  });

  it('reference template, or none', () => {
    expect(
      twinOrderToPck(profileWith({ orders: { referenceTemplate: 'Nett-{orderId}' } }), twin.order).order.reference,
    ).toBe('Nett-1234');
    expect(
      twinOrderToPck(profileWith({ orders: { referenceTemplate: '' } }), twin.order).order.reference,
    ).toBeUndefined();
  });

  it('a discount that no percentage reproduces to the øre goes as a net unit price', () => {
    const o = { ...twin.order };
    o.lines = [
      {
        ...twin.order.lines[1],
        quantity: new Decimal(3),
        unitPrice: new Decimal('33.33'),
        discount: new Decimal('0.01'),
      },
    ];
    const line = twinOrderToPck(profileWith(), o).order.orderLines[0];
    const tillTotal = line.price
      .mul(3)
      .mul(new Decimal(1).minus(line.discount.div(100)))
      .toDecimalPlaces(2);
    expect(tillTotal.toString()).toBe('99.98');
  });

  it('a line without a PCK key is an error (never half an order to the till)', () => {
    const o = { ...twin.order, lines: [{ ...twin.order.lines[0], productKey: undefined, variantKey: undefined }] };
    expect(() => twinOrderToPck(profileWith(), o)).toThrow(
      expect.objectContaining({ code: FieldMappingErrorCode.MISSING_VALUE }),
    );
  });
});
