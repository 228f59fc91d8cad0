import { toIsoDate } from './business-calendar';
import { ComplianceInputError } from './compliance.errors';
import { Execution, Side } from './compliance.interface';
import { cashFlowOf, cashPositionAsOf, SettlementLedgerInput } from './settlement-ledger';

let sequence = 0;
function fill(
  side: Side,
  symbol: string,
  quantity: string,
  price: string,
  executedAt: string,
  fees = '0',
): Execution {
  sequence += 1;
  return {
    id: `e${sequence}`,
    symbol,
    side,
    quantity,
    price,
    fees,
    executedAt: new Date(executedAt),
  };
}

const ledger = (openingSettledCash: string, executions: Execution[]): SettlementLedgerInput => ({
  openingSettledCash,
  executions,
});

describe('settlement ledger (T+1, cash account)', () => {
  describe('a Friday sale settles on Monday', () => {
    const sale = fill('sell', 'XYZ', '10', '50.10', '2025-03-07T15:00:00Z', '0.05');
    const purchase = fill('buy', 'ABC', '5', '20', '2025-03-07T16:00:00Z');
    const input = ledger('1000', [purchase, sale]);

    it('is unsettled on Friday, with its settlement date', () => {
      const position = cashPositionAsOf(input, new Date('2025-03-07T21:00:00Z'));
      expect(position.settledCash).toBe('1000');
      expect(position.unsettledProceeds).toEqual([
        {
          executionId: sale.id,
          symbol: 'XYZ',
          amount: '500.95',
          tradeDate: new Date('2025-03-07T00:00:00Z'),
          settlementDate: new Date('2025-03-10T00:00:00Z'),
        },
      ]);
      expect(position.totalPendingPurchases).toBe('100');
      expect(position.buyingPower).toBe('1400.95');
    });

    it('is still unsettled late on Sunday in New York, though Monday in UTC', () => {
      const position = cashPositionAsOf(input, new Date('2025-03-10T03:30:00Z'));
      expect(position.settledCash).toBe('1000');
      expect(position.totalUnsettledProceeds).toBe('500.95');
    });

    it('is settled on Monday morning, and so is the Friday purchase', () => {
      const position = cashPositionAsOf(input, new Date('2025-03-10T13:00:00Z'));
      expect(position.settledCash).toBe('1400.95');
      expect(position.unsettledProceeds).toEqual([]);
      expect(position.pendingPurchases).toEqual([]);
      expect(position.buyingPower).toBe('1400.95');
    });
  });

  it('a sale the day before Thanksgiving settles on the Friday after it', () => {
    const sale = fill('sell', 'XYZ', '3', '100', '2025-11-26T18:00:00Z');
    const input = ledger('0', [sale]);
    const thursday = cashPositionAsOf(input, new Date('2025-11-27T18:00:00Z'));
    expect(thursday.settledCash).toBe('0');
    expect(toIsoDate(thursday.unsettledProceeds[0].settlementDate)).toBe('2025-11-28');
    expect(cashPositionAsOf(input, new Date('2025-11-28T14:00:00Z')).settledCash).toBe('300');
  });

  it('a sale before Good Friday settles the Monday after', () => {
    const sale = fill('sell', 'XYZ', '1', '10', '2025-04-17T19:00:00Z');
    const input = ledger('0', [sale]);
    expect(
      toIsoDate(cashPositionAsOf(input, sale.executedAt).unsettledProceeds[0].settlementDate),
    ).toBe('2025-04-21');
  });

  it('a Friday purchase before Columbus Day stays pending on the Monday the market is open', () => {
    const purchase = fill('buy', 'ABC', '2', '25', '2025-10-10T15:00:00Z');
    const input = ledger('100', [purchase]);
    const monday = cashPositionAsOf(input, new Date('2025-10-13T15:00:00Z'));
    expect(monday.settledCash).toBe('100');
    expect(monday.buyingPower).toBe('50');
    expect(toIsoDate(monday.pendingPurchases[0].settlementDate)).toBe('2025-10-14');
    expect(cashPositionAsOf(input, new Date('2025-10-14T15:00:00Z')).settledCash).toBe('50');
  });

  it('an after-hours sale belongs to its New York trade date', () => {
    const sale = fill('sell', 'XYZ', '1', '10', '2025-03-07T01:30:00Z');
    const position = cashPositionAsOf(ledger('0', [sale]), sale.executedAt);
    expect(toIsoDate(position.unsettledProceeds[0].tradeDate)).toBe('2025-03-06');
    expect(toIsoDate(position.unsettledProceeds[0].settlementDate)).toBe('2025-03-07');
  });

  it('ignores executions after the as-of instant and the order they were given in', () => {
    const early = fill('buy', 'ABC', '1', '10', '2025-03-03T15:00:00Z');
    const late = fill('buy', 'ABC', '1', '10', '2025-03-03T16:00:00Z');
    const asOf = new Date('2025-03-03T15:30:00Z');
    expect(cashPositionAsOf(ledger('100', [late, early]), asOf)).toEqual(
      cashPositionAsOf(ledger('100', [early]), asOf),
    );
    expect(cashPositionAsOf(ledger('100', [late, early]), asOf).buyingPower).toBe('90');
  });

  describe('decimal exactness', () => {
    it('0.1 + 0.2 costs exactly 0.3', () => {
      const input = ledger('1', [
        fill('buy', 'A', '1', '0.1', '2025-03-03T15:00:00Z'),
        fill('buy', 'B', '1', '0.2', '2025-03-03T15:01:00Z'),
      ]);
      expect(cashPositionAsOf(input, new Date('2025-03-04T15:00:00Z')).settledCash).toBe('0.7');
    });

    it('keeps every digit of large notionals and sub-cent fees', () => {
      const purchase = fill('buy', 'A', '1000000', '1234.5678', '2025-03-03T15:00:00Z', '0.0049');
      expect(cashFlowOf(purchase).amount.toFixed()).toBe('1234567800.0049');
      const position = cashPositionAsOf(ledger('9999999999.99', [purchase]), purchase.executedAt);
      expect(position.buyingPower).toBe('8765432199.9851');
    });

    it('sale proceeds are net of fees', () => {
      const sale = fill('sell', 'A', '3', '33.33', '2025-03-03T15:00:00Z', '0.01');
      expect(cashFlowOf(sale).amount.toFixed()).toBe('99.98');
    });
  });

  describe('input validation', () => {
    const at = '2025-03-03T15:00:00Z';
    it.each([
      ['an exponent price', fill('buy', 'A', '1', '1e3', at)],
      ['a zero quantity', fill('buy', 'A', '0', '1', at)],
      ['a negative fee', fill('buy', 'A', '1', '1', at, '-0.01')],
      ['fees above the proceeds', fill('sell', 'A', '1', '1', at, '2')],
      ['an empty symbol', fill('buy', '', '1', '1', at)],
    ])('refuses %s', (_label, execution) => {
      expect(() => cashPositionAsOf(ledger('100', [execution]), new Date(at))).toThrow(
        ComplianceInputError,
      );
    });

    it('refuses duplicate execution ids and a negative opening balance', () => {
      const execution = fill('buy', 'A', '1', '1', at);
      expect(() => cashPositionAsOf(ledger('100', [execution, execution]), new Date(at))).toThrow(
        /duplicate execution id/,
      );
      expect(() => cashPositionAsOf(ledger('-1', []), new Date(at))).toThrow(ComplianceInputError);
    });
  });
});
