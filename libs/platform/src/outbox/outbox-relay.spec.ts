import { withinBytes } from './outbox-relay';

describe('the outbox relay batch', () => {
  const row = (chars: number) => ({ payload: '诉'.repeat(chars) });

  it('stops before the batch would exceed the byte limit', () => {
    const rows = [row(100), row(100), row(100)];
    expect(withinBytes(rows, 800)).toHaveLength(1);
    expect(withinBytes(rows, 10_000)).toHaveLength(3);
  });

  it('always takes at least one row, however long', () => {
    expect(withinBytes([row(5000)], 100)).toHaveLength(1);
  });

  it('counts bytes, not characters, so Chinese text is not underestimated', () => {
    // 300 characters of Chinese are 900 bytes in UTF-8.
    expect(withinBytes([row(300), row(300)], 1500)).toHaveLength(1);
  });
});
