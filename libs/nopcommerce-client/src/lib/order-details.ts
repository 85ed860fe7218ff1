import type { WithId } from './endpoints/crud-endpoint';
import type { AddressDto, CustomerDto, OrderDto, OrderItemDto } from './wire-types';

/** One shop order with the rows it refers to, as the Web API returns them (what order mappings read). */
export interface ShopOrderDetails {
  order: WithId<OrderDto>;
  items: Array<WithId<OrderItemDto>>;
  billingAddress?: WithId<AddressDto>;
  shippingAddress?: WithId<AddressDto>;
  customer?: WithId<CustomerDto>;
}
