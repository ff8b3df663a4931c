import { derivedId } from './ids';

describe('derivedId', () => {
  it('derives the same UUID from the same parts and another from other parts', () => {
    const id = derivedId('decision', 'event-1', 'first');

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId('decision', 'event-1', 'first')).toBe(id);
    expect(derivedId('decision', 'event-1', 'return')).not.toBe(id);
    expect(derivedId('decision', 'event-1f', 'irst')).not.toBe(id);
  });
});
