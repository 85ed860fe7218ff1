import { Api, Dto, withEmptyShopEachTest } from './support/api';
import type { NopSim } from '../src';

type Paged = { total_count: number; items: Dto[] };

describe('orders, shipments, payments and refunds', () => {
  let sim: NopSim;
  let api: Api;
  let productId: number;
  withEmptyShopEachTest((started) => ({ sim, api } = started));
  beforeEach(async () => {
    productId = (
      await api.post<Dto>('/Product/Create', {
        name: 'Shirt',
        sku: 'SH',
        manage_inventory_method_id: 1,
        stock_quantity: 10,
        is_ship_enabled: true,
        published: true,
      })
    ).body.id;
  });

  it('seeded paid orders are found by status; a comma list is ignored and returns every order', async () => {
    const paid = sim.state.seedOrder({
      items: [{ sku: 'SH', quantity: 2, unitPrice: 199.9 }],
      createdOnUtc: '2025-11-01T10:00:00',
    });
    sim.state.seedOrder({
      items: [{ productId, quantity: 1, unitPrice: 100 }],
      paid: false,
      createdOnUtc: '2025-11-02T10:00:00',
    });
    expect(paid.order).toMatchObject({
      payment_status_id: 30,
      order_status_id: 20,
      shipping_status_id: 20,
      order_total: 399.8,
    });
    expect((await api.get<Dto>(`/Product/GetById/${productId}`)).body.stock_quantity).toBe(7);
    const byStatus = (await api.get<Paged>('/Order/Search?psIds=30&pageIndex=0&pageSize=50')).body;
    expect(byStatus.items.map((o) => o.id)).toEqual([paid.order.id]);
    const comma = (await api.get<Paged>('/Order/Search?psIds=30,10&pageSize=50')).body;
    expect(comma.total_count).toBe(2);
    expect(comma.items.map((o) => o.id)).toEqual([2, 1]); // newest first
    const window = (
      await api.get<Paged>('/Order/Search?createdFromUtc=2025-11-02T00:00:00&createdToUtc=2025-11-02T10:00:00')
    ).body;
    expect(window.items.map((o) => o.id)).toEqual([2]);
    const count = (await api.get<Paged>('/Order/Search?getOnlyTotalCount=true')).body;
    expect([count.total_count, count.items]).toEqual([2, []]);
  });

  it('order items, addresses, customer and SKU via FormatSku', async () => {
    const { order } = sim.state.seedOrder({
      items: [{ sku: 'SH', quantity: 1, unitPrice: 50 }],
      customerEmail: 'kari@example.no',
    });
    const items = (await api.get<Dto[]>(`/OrderItem/GetOrderItems/${order.id}`)).body;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ product_id: productId, quantity: 1, unit_price_incl_tax: 50, price_excl_tax: 40 });
    const address = (await api.get<Dto>(`/Address/GetById/${order.billing_address_id}`)).body;
    expect(address.last_name).toBe('Nordmann');
    const customer = (await api.get<Dto>(`/Customer/GetById/${order.customer_id}`)).body;
    expect(customer.email).toBe('kari@example.no');
    expect((await api.post<string>(`/Product/FormatSku/${productId}`, items[0]!.attributes_xml)).body).toBe('SH');
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body).toEqual(order);
  });

  it('MarkOrderAsPaid (GET with side effects): Pending → Processing, note added, 400 the second time', async () => {
    const { order } = sim.state.seedOrder({ items: [{ productId, quantity: 1, unitPrice: 100 }], paid: false });
    expect((await api.get(`/OrderProcessing/CanMarkOrderAsPaid/${order.id}`)).body).toBe(true);
    expect((await api.get(`/OrderProcessing/MarkOrderAsPaid/${order.id}`)).status).toBe(200);
    const after = (await api.get<Dto>(`/Order/GetById/${order.id}`)).body;
    expect(after).toMatchObject({ payment_status_id: 30, order_status_id: 20 });
    expect(after.paid_date_utc).toEqual(expect.any(String));
    const again = await api.get<Record<string, unknown>>(`/OrderProcessing/MarkOrderAsPaid/${order.id}`);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      message: "You can't mark this order as paid",
      inner_exception_message: null,
      stack_trace: '',
    });
    const notes = (await api.get<Dto[]>(`/OrderNote/GetOrderNotesByOrderId/${order.id}`)).body.map((n) => n.note);
    expect(notes).toContain('Order has been marked as paid');
  });

  it('Capture goes through the (simulated) gateway for authorized orders only', async () => {
    const { order } = sim.state.seedOrder({
      items: [{ productId, quantity: 1, unitPrice: 100 }],
      paid: false,
      paymentMethodSystemName: 'Payments.SimGateway',
    });
    expect((await api.get(`/OrderProcessing/CanCapture/${order.id}`)).body).toBe(false);
    await api.get(`/OrderProcessing/MarkAsAuthorized/${order.id}`);
    expect((await api.get(`/OrderProcessing/Capture/${order.id}`)).body).toEqual([]);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body.payment_status_id).toBe(30);
    expect((await api.get(`/OrderProcessing/Capture/${order.id}`)).status).toBe(400);
  });

  it('shipments with tracking: partial ship, full ship → Complete, double ship is a 500, deliver', async () => {
    const { order, items } = sim.state.seedOrder({ items: [{ productId, quantity: 3, unitPrice: 10 }] });
    const shipment = {
      order_id: order.id,
      tracking_number: '1Z999',
      total_weight: 1.2,
      admin_comment: null,
      created_on_utc: '2025-11-03T08:00:00',
      shipped_date_utc: null,
      delivery_date_utc: null,
    };
    expect(api.contract.checkRequest('ShipmentDto', shipment)).toEqual([]);
    const s1 = (await api.post<Dto>('/Shipment/Create', shipment)).body;
    await api.post('/ShipmentItem/Create', {
      shipment_id: s1.id,
      order_item_id: items[0]!.id,
      quantity: 2,
      warehouse_id: 0,
    });
    expect((await api.get(`/OrderItem/GetTotalNumberOfItemsCanBeAddedToShipment/${items[0]!.id}`)).body).toBe(1);
    await api.get(`/OrderProcessing/Ship/${s1.id}?notifyCustomer=true`);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body.shipping_status_id).toBe(25);
    const double = await api.get<Record<string, unknown>>(`/OrderProcessing/Ship/${s1.id}?notifyCustomer=false`);
    expect(double.status).toBe(500);
    const s2 = (await api.post<Dto>('/Shipment/Create', { ...shipment, tracking_number: '1Z998' })).body;
    await api.post('/ShipmentItem/Create', {
      shipment_id: s2.id,
      order_item_id: items[0]!.id,
      quantity: 1,
      warehouse_id: 0,
    });
    await api.get(`/OrderProcessing/Ship/${s2.id}?notifyCustomer=false`);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body).toMatchObject({
      shipping_status_id: 30,
      order_status_id: 30,
    });
    expect((await api.get(`/OrderProcessing/Deliver/${s1.id}?notifyCustomer=false`)).status).toBe(200);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body.shipping_status_id).toBe(30);
    await api.get(`/OrderProcessing/Deliver/${s2.id}?notifyCustomer=false`);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body.shipping_status_id).toBe(40);
    expect((await api.get(`/OrderProcessing/Deliver/${s2.id}?notifyCustomer=false`)).status).toBe(500);
    expect((await api.get<Dto[]>(`/Shipment/GetByOrderId/${order.id}?shipped=true`)).body).toHaveLength(2);
    expect((await api.get<Paged>('/Shipment/GetAll?trackingNumber=1Z99&pageSize=10')).body.total_count).toBe(2);
    expect((await api.get<Dto[]>(`/ShipmentItem/GetByShipmentId/${s1.id}`)).body[0]!.quantity).toBe(2);
  });

  it('partial refunds add up exactly (decimal, not float) and are capped at the order total', async () => {
    const { order } = sim.state.seedOrder({ items: [{ productId, quantity: 3, unitPrice: 0.1 }] }); // total 0.3
    expect((await api.get(`/OrderProcessing/CanPartiallyRefundOffline/${order.id}?amountToRefund=0.2`)).body).toBe(
      true,
    );
    expect((await api.get(`/OrderProcessing/PartiallyRefundOffline/${order.id}?amountToRefund=0.1`)).body).toBe(true);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body).toMatchObject({
      payment_status_id: 35,
      refunded_amount: 0.1,
    });
    // 0.1 + 0.2 in floats is 0.30000000000000004 > 0.3; in decimals it is exactly the total.
    expect((await api.get(`/OrderProcessing/CanPartiallyRefundOffline/${order.id}?amountToRefund=0.2`)).body).toBe(
      true,
    );
    expect((await api.get(`/OrderProcessing/CanPartiallyRefundOffline/${order.id}?amountToRefund=0.21`)).body).toBe(
      false,
    );
    await api.get(`/OrderProcessing/PartiallyRefundOffline/${order.id}?amountToRefund=0.2`);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body).toMatchObject({
      payment_status_id: 40,
      refunded_amount: 0.3,
    });
    expect((await api.get(`/OrderProcessing/PartiallyRefundOffline/${order.id}?amountToRefund=0.01`)).status).toBe(400);
  });

  it('full offline refund only for paid orders with nothing refunded yet', async () => {
    const { order } = sim.state.seedOrder({ items: [{ productId, quantity: 1, unitPrice: 99 }] });
    await api.get(`/OrderProcessing/PartiallyRefundOffline/${order.id}?amountToRefund=9`);
    expect((await api.get(`/OrderProcessing/CanRefundOffline/${order.id}`)).body).toBe(false);
    expect((await api.get(`/OrderProcessing/RefundOffline/${order.id}`)).status).toBe(400);
    const second = sim.state.seedOrder({ items: [{ productId, quantity: 1, unitPrice: 99 }] }).order;
    expect((await api.get(`/OrderProcessing/RefundOffline/${second.id}`)).text).toBe('');
    expect((await api.get<Dto>(`/Order/GetById/${second.id}`)).body).toMatchObject({
      payment_status_id: 40,
      refunded_amount: 99,
    });
  });

  it('cancel returns stock; Order/Delete is a soft delete hidden from Search', async () => {
    const { order } = sim.state.seedOrder({ items: [{ productId, quantity: 4, unitPrice: 10 }] });
    expect((await api.get<Dto>(`/Product/GetById/${productId}`)).body.stock_quantity).toBe(6);
    await api.get(`/OrderProcessing/CancelOrder/${order.id}?notifyCustomer=false`);
    expect((await api.get<Dto>(`/Product/GetById/${productId}`)).body.stock_quantity).toBe(10);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body.order_status_id).toBe(40);
    await api.del(`/Order/Delete/${order.id}`);
    expect((await api.get<Dto>(`/Order/GetById/${order.id}`)).body.deleted).toBe(true);
    expect((await api.get<Paged>('/Order/Search')).body.total_count).toBe(0);
    expect((await api.get('/Order/GetById/999')).body).toBe('Order Id=999 not found');
  });
});
