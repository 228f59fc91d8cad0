import { perPeriodRiskFreeRate, sharpeRatio, sortinoRatio } from './risk-ratios';

// r = 0.02, −0.01, 0.03, 0 → mean 0.01; deviations 0.01, −0.02, 0.02, −0.01;
// Σ dev² = 0.0001 + 0.0004 + 0.0004 + 0.0001 = 0.001; sample variance 0.001/3; s = √(1/3000).
const RETURNS = [0.02, -0.01, 0.03, 0];
const DAILY = { periodsPerYear: 252, riskFreeRate: 0 };

describe('perPeriodRiskFreeRate', () => {
  it('is (1 + r)^(1/periods) − 1', () => {
    expect(perPeriodRiskFreeRate(0.010025, 2)).toBeCloseTo(0.005, 15); // √1.010025 = 1.005
    expect(perPeriodRiskFreeRate(0.05, 252)).toBeCloseTo(Math.pow(1.05, 1 / 252) - 1, 15);
    expect(perPeriodRiskFreeRate(0, 252)).toBe(0);
  });
});

describe('sharpeRatio', () => {
  it('divides the mean by the sample standard deviation (n − 1) and annualises', () => {
    // 0.01 / √(1/3000) × √252 = √(0.0001 × 3000 × 252) = √75.6
    expect(sharpeRatio(RETURNS, DAILY)).toBeCloseTo(Math.sqrt(75.6), 12);
    expect(sharpeRatio(RETURNS, DAILY)).toBeCloseTo(8.694826047713663, 12);
  });

  it('subtracts the per-period risk-free rate: rf 0.005 halves a mean of 0.01', () => {
    // periodsPerYear 2, annual 0.010025 → rf = 0.005
    // rf 0:     0.01  / √(1/3000) × √2 = √0.6
    // rf 0.005: 0.005 / √(1/3000) × √2 = √0.15
    const withoutRiskFree = sharpeRatio(RETURNS, { periodsPerYear: 2, riskFreeRate: 0 });
    const withRiskFree = sharpeRatio(RETURNS, { periodsPerYear: 2, riskFreeRate: 0.010025 });
    expect(withoutRiskFree).toBeCloseTo(Math.sqrt(0.6), 12);
    expect(withRiskFree).toBeCloseTo(Math.sqrt(0.15), 12);
  });

  it('lowers the daily Sharpe by (rf per day) / s × √252 for a 5 % annual rate', () => {
    const rf = Math.pow(1.05, 1 / 252) - 1;
    const expected = ((0.01 - rf) / Math.sqrt(1 / 3000)) * Math.sqrt(252);
    expect(sharpeRatio(RETURNS, { periodsPerYear: 252, riskFreeRate: 0.05 })).toBeCloseTo(
      expected,
      10,
    );
  });

  it('is negative for a losing series: −0.01, −0.03 → −√504', () => {
    // mean −0.02; s = √((0.01² + 0.01²) / 1) = √0.0002; −0.02/√0.0002 × √252 = −√(2 × 252)
    expect(sharpeRatio([-0.01, -0.03], DAILY)).toBeCloseTo(-Math.sqrt(504), 12);
  });

  it('is null with fewer than 2 returns', () => {
    expect(sharpeRatio([], DAILY)).toBeNull();
    expect(sharpeRatio([0.01], DAILY)).toBeNull();
  });

  it('is null for constant returns, exactly (float maths gives s ≈ 1.7e-17 for 0.1, 0.1, 0.1)', () => {
    expect(sharpeRatio([0.1, 0.1, 0.1], DAILY)).toBeNull();
    expect(sharpeRatio([0, 0], DAILY)).toBeNull();
  });
});

describe('sortinoRatio', () => {
  it('uses the downside deviation over all N periods', () => {
    // min(0, r)² = 0, 0.0001, 0, 0 → DD = √(0.0001 / 4) = 0.005; 0.01 / 0.005 × √252 = 2√252
    expect(sortinoRatio(RETURNS, DAILY)).toBeCloseTo(2 * Math.sqrt(252), 12);
    expect(sortinoRatio(RETURNS, DAILY)).toBeCloseTo(31.74901573277509, 12);
  });

  it('measures shortfalls below the risk-free rate', () => {
    // periodsPerYear 2, rf = 0.005: r − rf = 0.015, −0.015, 0.025, −0.005
    // DD² = (0.000225 + 0.000025) / 4 = 0.0000625; 0.005 / DD × √2 = √(0.000025 / 0.0000625 × 2) = √0.8
    expect(sortinoRatio(RETURNS, { periodsPerYear: 2, riskFreeRate: 0.010025 })).toBeCloseTo(
      Math.sqrt(0.8),
      12,
    );
  });

  it('is negative for a losing series: −0.01, −0.03 → −√201.6', () => {
    // DD = √((0.0001 + 0.0009) / 2) = √0.0005; −0.02 / √0.0005 × √252 = −√(0.8 × 252)
    expect(sortinoRatio([-0.01, -0.03], DAILY)).toBeCloseTo(-Math.sqrt(201.6), 12);
  });

  it('is null with fewer than 2 returns or no return below the risk-free rate', () => {
    expect(sortinoRatio([-0.01], DAILY)).toBeNull();
    expect(sortinoRatio([0.01, 0.02, 0], DAILY)).toBeNull();
  });
});
