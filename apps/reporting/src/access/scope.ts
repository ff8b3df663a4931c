import { DomainError, Principal } from '@lianzhi/domain';

/** What a dashboard, a drill-down or a report covers. */
export type Scope =
  | { readonly kind: 'district' }
  | { readonly kind: 'unit'; readonly code: string }
  | { readonly kind: 'township'; readonly code: string };

const CODE = /^[a-z0-9-]{1,64}$/;

/** Reads `district`, `unit:<code>` or `township:<code>`. */
export function parseScope(raw: string | undefined): Scope {
  if (raw === undefined || raw === '' || raw === 'district') {
    return { kind: 'district' };
  }
  const [kind, code] = raw.split(':', 2);
  if ((kind === 'unit' || kind === 'township') && code && CODE.test(code)) {
    return { kind, code };
  }
  throw new DomainError(
    'SCOPE.INVALID',
    'scope must be district, unit:<code> or township:<code>',
    'scope',
  );
}

/**
 * The scope a person may see: a liaison only their unit, a township
 * coordinator only their township; the district roles anything. A liaison
 * or coordinator who asks for nothing gets their own scope.
 */
export function authorizeScope(
  principal: Principal,
  raw: string | undefined,
): Scope {
  if (principal.role === 'liaison') {
    const own: Scope = { kind: 'unit', code: principal.unit ?? '' };
    if (raw === undefined || raw === '') return own;
    const asked = parseScope(raw);
    if (asked.kind !== 'unit' || asked.code !== principal.unit) {
      throw new DomainError(
        'SCOPE.FORBIDDEN',
        'a liaison sees only their own unit',
        'scope',
      );
    }
    return asked;
  }

  if (principal.role === 'township') {
    const own: Scope = { kind: 'township', code: principal.township ?? '' };
    if (raw === undefined || raw === '') return own;
    const asked = parseScope(raw);
    if (asked.kind !== 'township' || asked.code !== principal.township) {
      throw new DomainError(
        'SCOPE.FORBIDDEN',
        'a township coordinator sees only their own township',
        'scope',
      );
    }
    return asked;
  }

  return parseScope(raw);
}

export function scopeLabel(scope: Scope): string {
  return scope.kind === 'district' ? 'district' : `${scope.kind}:${scope.code}`;
}
