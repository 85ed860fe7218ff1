import { OPERATION_NAMES, isOperationName, type OperationName } from './operations';
import { OperationResult, OrderStatusId, PriceType } from './enums';

// Compile-time: OPERATION_NAMES lists every key of OperationMap.
type Missing = Exclude<OperationName, (typeof OPERATION_NAMES)[number]>;
const noneMissing: [Missing] extends [never] ? true : false = true;

describe('operation list', () => {
  it('has all 25 WebshopWS operations, both removeAricle and removeArticle, no duplicates', () => {
    expect(noneMissing).toBe(true);
    expect(OPERATION_NAMES).toHaveLength(25);
    expect(new Set(OPERATION_NAMES).size).toBe(25);
    expect(isOperationName('removeAricle')).toBe(true);
    expect(isOperationName('removeArticle')).toBe(true);
    expect(isOperationName('sendWebGroup')).toBe(false);
  });

  it('keeps the documented enum values', () => {
    expect(OperationResult).toEqual({ Ok: 0, PermanentError: 1, RetrySoon: 2, RetryLater: 3, RetryTomorrow: 4 });
    expect(OrderStatusId.Received).toBe(4);
    expect(OrderStatusId.ResendCreditApplicant).toBe(11);
    expect(PriceType.Price10).toBe(17);
  });
});
