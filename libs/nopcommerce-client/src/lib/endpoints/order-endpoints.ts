import type { HttpTransport } from '../http-transport';
import { DEFAULT_PAGE_SIZE, paginate } from '../paging';
import { IdList } from '../query-string';
import type {
  AddressDto,
  CountryDto,
  OrderDto,
  OrderItemDto,
  OrderNoteDto,
  PagedList,
  ShipmentDto,
  ShipmentItemDto,
} from '../wire-types';
import { CrudEndpoint, WithId, apiPath } from './crud-endpoint';
import { getAllPages, getList } from './list-requests';

export interface OrderSearch {
  storeId?: number;
  vendorId?: number;
  customerId?: number;
  productId?: number;
  paymentMethodSystemName?: string;
  /** Inclusive; sent as UTC without `Z`. */
  createdFromUtc?: Date;
  createdToUtc?: Date;
  orderStatusIds?: number[];
  paymentStatusIds?: number[];
  shippingStatusIds?: number[];
  billingEmail?: string;
}

export class OrderEndpoint extends CrudEndpoint<OrderDto> {
  constructor(http: HttpTransport) {
    super(http, 'Order');
  }

  searchPage(search: OrderSearch, pageIndex: number, pageSize: number): Promise<PagedList<WithId<OrderDto>>> {
    const list = (ids?: number[]): IdList | undefined => (ids && ids.length ? new IdList(ids) : undefined);
    return this.http.send({
      method: 'GET',
      path: apiPath('Order', 'Search'),
      query: {
        storeId: search.storeId,
        vendorId: search.vendorId,
        customerId: search.customerId,
        productId: search.productId,
        paymentMethodSystemName: search.paymentMethodSystemName,
        createdFromUtc: search.createdFromUtc,
        createdToUtc: search.createdToUtc,
        osIds: list(search.orderStatusIds),
        psIds: list(search.paymentStatusIds),
        ssIds: list(search.shippingStatusIds),
        billingEmail: search.billingEmail,
        pageIndex,
        pageSize,
      },
      idempotent: true,
    });
  }

  /** Newest first, offset paging: orders arriving mid-scan shift pages, so the caller de-duplicates by id. */
  search(search: OrderSearch = {}, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<WithId<OrderDto>> {
    return paginate((i, s) => this.searchPage(search, i, s), pageSize);
  }

  async getByIds(ids: number[]): Promise<Array<WithId<OrderDto>>> {
    if (ids.length === 0) return [];
    return getList<WithId<OrderDto>>(this.http, apiPath('Order', 'GetByIds', new IdList(ids)));
  }
}

export class OrderItemEndpoint {
  constructor(private readonly http: HttpTransport) {}
  async getOrderItems(orderId: number): Promise<Array<WithId<OrderItemDto>>> {
    return getList<WithId<OrderItemDto>>(this.http, apiPath('OrderItem', 'GetOrderItems', orderId));
  }
  getTotalNumberOfItemsCanBeAddedToShipment(orderItemId: number): Promise<number> {
    return this.http.send({
      method: 'GET',
      path: apiPath('OrderItem', 'GetTotalNumberOfItemsCanBeAddedToShipment', orderItemId),
      idempotent: true,
    });
  }
}

export class OrderNoteEndpoint extends CrudEndpoint<OrderNoteDto> {
  constructor(http: HttpTransport) {
    super(http, 'OrderNote');
  }
  async getByOrderId(orderId: number): Promise<Array<WithId<OrderNoteDto>>> {
    return getList<WithId<OrderNoteDto>>(this.http, apiPath('OrderNote', 'GetOrderNotesByOrderId', orderId));
  }
}

export class AddressEndpoint extends CrudEndpoint<AddressDto> {
  constructor(http: HttpTransport) {
    super(http, 'Address');
  }
}

export class CountryEndpoint extends CrudEndpoint<CountryDto> {
  constructor(http: HttpTransport) {
    super(http, 'Country');
  }
}

export class ShipmentEndpoint extends CrudEndpoint<ShipmentDto> {
  constructor(http: HttpTransport) {
    super(http, 'Shipment');
  }
  async getByOrderId(orderId: number, shipped?: boolean): Promise<Array<WithId<ShipmentDto>>> {
    return getList<WithId<ShipmentDto>>(this.http, apiPath('Shipment', 'GetByOrderId', orderId), { shipped });
  }
  all(
    filter: { trackingNumber?: string; orderId?: number; loadNotShipped?: boolean } = {},
    pageSize = DEFAULT_PAGE_SIZE,
  ): AsyncGenerator<WithId<ShipmentDto>> {
    return getAllPages<WithId<ShipmentDto>>(this.http, apiPath('Shipment', 'GetAll'), { ...filter }, pageSize);
  }
}

export class ShipmentItemEndpoint {
  constructor(private readonly http: HttpTransport) {}
  async create(dto: ShipmentItemDto): Promise<WithId<ShipmentItemDto>> {
    return this.http.send({ method: 'POST', path: apiPath('ShipmentItem', 'Create'), json: dto, idempotent: false });
  }
  async getByShipmentId(shipmentId: number): Promise<Array<WithId<ShipmentItemDto>>> {
    return getList<WithId<ShipmentItemDto>>(this.http, apiPath('ShipmentItem', 'GetByShipmentId', shipmentId));
  }
}

/** OrderProcessing: the workflow actions. Most are GETs that write; none is retried blindly. */
export class OrderProcessingEndpoint {
  constructor(private readonly http: HttpTransport) {}

  private check(action: string, orderId: number): Promise<boolean> {
    return this.http
      .send<boolean>({ method: 'GET', path: apiPath('OrderProcessing', action, orderId), idempotent: true })
      .then((b) => b === true);
  }
  private async act(
    action: string,
    id: number,
    query?: Record<string, number | boolean | undefined>,
  ): Promise<unknown> {
    return this.http.send<unknown>({
      method: 'GET',
      path: apiPath('OrderProcessing', action, id),
      query,
      idempotent: false,
    });
  }

  canCapture = (orderId: number): Promise<boolean> => this.check('CanCapture', orderId);
  canMarkOrderAsPaid = (orderId: number): Promise<boolean> => this.check('CanMarkOrderAsPaid', orderId);
  canRefundOffline = (orderId: number): Promise<boolean> => this.check('CanRefundOffline', orderId);
  canRefund = (orderId: number): Promise<boolean> => this.check('CanRefund', orderId);
  canCancelOrder = (orderId: number): Promise<boolean> => this.check('CanCancelOrder', orderId);

  /** Partial refund checks take the amount. */
  async canPartiallyRefundOffline(orderId: number, amountToRefund: number): Promise<boolean> {
    const b = await this.http.send<boolean>({
      method: 'GET',
      path: apiPath('OrderProcessing', 'CanPartiallyRefundOffline', orderId),
      query: { amountToRefund },
      idempotent: true,
    });
    return b === true;
  }

  /** Returns the payment gateway's error strings (empty on success). */
  async capture(orderId: number): Promise<string[]> {
    const r = await this.act('Capture', orderId);
    return Array.isArray(r) ? r.map(String) : [];
  }
  async refund(orderId: number): Promise<string[]> {
    const r = await this.act('Refund', orderId);
    return Array.isArray(r) ? r.map(String) : [];
  }
  async markOrderAsPaid(orderId: number): Promise<void> {
    await this.act('MarkOrderAsPaid', orderId);
  }
  async refundOffline(orderId: number): Promise<void> {
    await this.act('RefundOffline', orderId);
  }
  async partiallyRefundOffline(orderId: number, amountToRefund: number): Promise<void> {
    await this.act('PartiallyRefundOffline', orderId, { amountToRefund });
  }
  async cancelOrder(orderId: number, notifyCustomer = false): Promise<void> {
    await this.act('CancelOrder', orderId, { notifyCustomer });
  }
  async ship(shipmentId: number, notifyCustomer = true): Promise<void> {
    await this.act('Ship', shipmentId, { notifyCustomer });
  }
  async deliver(shipmentId: number, notifyCustomer = false): Promise<void> {
    await this.act('Deliver', shipmentId, { notifyCustomer });
  }
  async checkOrderStatus(orderId: number): Promise<void> {
    await this.http.send({
      method: 'GET',
      path: apiPath('OrderProcessing', 'CheckOrderStatus', orderId),
      idempotent: true,
    });
  }
}
