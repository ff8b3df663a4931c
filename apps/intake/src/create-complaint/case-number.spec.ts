import { formatCaseNumber } from './case-number';

describe('case numbers', () => {
  it('use the day in Shanghai, not in UTC', () => {
    expect(formatCaseNumber(new Date('2026-12-03T17:30:00Z'), 123)).toBe(
      'LZ20261204-000123',
    );
  });

  it('grow past six digits rather than wrap', () => {
    expect(formatCaseNumber(new Date('2026-12-04T02:00:00Z'), 1234567)).toBe(
      'LZ20261204-1234567',
    );
  });
});
