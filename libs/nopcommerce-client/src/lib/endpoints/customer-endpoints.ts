import type { HttpTransport } from '../http-transport';
import { DEFAULT_PAGE_SIZE } from '../paging';
import type {
  CustomerCustomerRoleMappingDto,
  CustomerDto,
  CustomerRegistrationResult,
  CustomerRoleDto,
  PasswordFormat,
  AddressDto,
} from '../wire-types';
import { CrudEndpoint, WithId, apiPath } from './crud-endpoint';
import { getAllPages, getList } from './list-requests';

export class CustomerEndpoint extends CrudEndpoint<CustomerDto> {
  constructor(http: HttpTransport) {
    super(http, 'Customer');
  }
  /** Exact match, lowest id, and it includes deleted customers (check `deleted`). */
  getByEmail(email: string): Promise<WithId<CustomerDto> | undefined> {
    return this.http.sendOptional({
      method: 'GET',
      path: apiPath('Customer', 'GetCustomerByEmail'),
      query: { email },
      idempotent: true,
    });
  }
  getByGuid(guid: string): Promise<WithId<CustomerDto> | undefined> {
    return this.http.sendOptional({
      method: 'GET',
      path: apiPath('Customer', 'GetCustomerByGuid'),
      query: { guid },
      idempotent: true,
    });
  }
  all(filter: { email?: string } = {}, pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<WithId<CustomerDto>> {
    return getAllPages<WithId<CustomerDto>>(this.http, apiPath('Customer', 'GetAll'), { ...filter }, pageSize);
  }
  /** A GET that writes; linking the same address twice is harmless, so it may be repeated. */
  async insertCustomerAddress(customerId: number, addressId: number): Promise<void> {
    await this.http.send({
      method: 'GET',
      path: apiPath('Customer', 'InsertCustomerAddress', customerId, addressId),
      idempotent: true,
    });
  }
  async getAddresses(customerId: number): Promise<Array<WithId<AddressDto>>> {
    return getList<WithId<AddressDto>>(this.http, apiPath('Customer', 'GetAddressesByCustomerId', customerId));
  }
}

export class CustomerRoleEndpoint {
  constructor(private readonly http: HttpTransport) {}
  getBySystemName(systemName: string): Promise<WithId<CustomerRoleDto> | undefined> {
    return this.http.sendOptional({
      method: 'GET',
      path: apiPath('CustomerRole', 'GetCustomerRoleBySystemName'),
      query: { systemName },
      idempotent: true,
    });
  }
  async getCustomerRoles(customerId: number): Promise<Array<WithId<CustomerRoleDto>>> {
    return getList<WithId<CustomerRoleDto>>(this.http, apiPath('CustomerRole', 'GetCustomerRoles', customerId));
  }
  async getCustomerRoleIds(customerId: number, showHidden = true): Promise<number[]> {
    return getList<number>(this.http, apiPath('CustomerRole', 'GetCustomerRoleIds', customerId), { showHidden });
  }
  async addCustomerRoleMapping(dto: CustomerCustomerRoleMappingDto): Promise<void> {
    await this.http.send({
      method: 'POST',
      path: apiPath('CustomerRole', 'AddCustomerRoleMapping'),
      json: dto,
      idempotent: false,
    });
  }
}

export interface RegistrationOutcome {
  success: boolean;
  errors: string[];
}

export class CustomerRegistrationEndpoint {
  constructor(private readonly http: HttpTransport) {}
  /** Sets email and password and adds the Registered role. HTTP 200 even on failure: read `success`. */
  async registerCustomer(
    storeId: number,
    customerId: number,
    args: { email: string; username?: string; password: string; passwordFormat?: PasswordFormat; isApproved?: boolean },
  ): Promise<RegistrationOutcome> {
    const r = await this.http.send<CustomerRegistrationResult>({
      method: 'POST',
      path: apiPath('CustomerRegistration', 'RegisterCustomer', storeId, customerId),
      query: {
        email: args.email,
        username: args.username ?? args.email,
        password: args.password,
        passwordFormat: args.passwordFormat ?? 'Hashed',
        isApproved: args.isApproved ?? true,
      },
      idempotent: false,
    });
    return { success: (r?.success ?? r?.Success) === true, errors: r?.errors ?? r?.Errors ?? [] };
  }
}
