import { DomainError, resolveTownship, TOWNSHIPS } from '@lianzhi/domain';

/**
 * The township a complaint names (code or name), else the one its address
 * settles. Only used to find repeats: routing makes the binding decision and
 * asks the operator when a place name stands under several townships.
 */
export function townshipOf(
  address: { text: string; township?: string },
  field = 'address.township',
): string | null {
  if (address.township) {
    const named = TOWNSHIPS.find(
      (t) => t.code === address.township || t.name === address.township,
    );
    if (!named) {
      throw new DomainError(
        'TOWNSHIP.UNKNOWN',
        `unknown township ${address.township}`,
        field,
      );
    }
    return named.code;
  }
  return resolveTownship(address.text).township;
}
