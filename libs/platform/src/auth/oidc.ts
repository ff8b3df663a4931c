import { createPublicKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { verify } from 'jsonwebtoken';
import { DomainError, Principal, Role } from '@lianzhi/domain';

export interface OidcSettings {
  /** The issuer URL; discovery is read from <issuer>/.well-known/openid-configuration. */
  readonly issuer: string;
  readonly audience?: string;
  /** Claims that carry the platform's role, unit and township. */
  readonly roleClaim: string;
  readonly unitClaim: string;
  readonly townshipClaim: string;
}

export const OIDC_SETTINGS = Symbol('OIDC_SETTINGS');

/** OIDC sign-in for real deployments: OIDC_ISSUER turns it on. */
export function readOidcSettings(env: NodeJS.ProcessEnv): OidcSettings | null {
  if (!env.OIDC_ISSUER) return null;
  return {
    issuer: env.OIDC_ISSUER.replace(/\/$/, ''),
    audience: env.OIDC_AUDIENCE || undefined,
    roleClaim: env.OIDC_ROLE_CLAIM || 'lianzhi_role',
    unitClaim: env.OIDC_UNIT_CLAIM || 'lianzhi_unit',
    townshipClaim: env.OIDC_TOWNSHIP_CLAIM || 'lianzhi_township',
  };
}

const KEYS_TTL_MS = 10 * 60_000;

/**
 * Verifies tokens an OIDC provider signed (RS256 or ES256) against the keys
 * it publishes, refreshed every ten minutes and whenever a token names a key
 * not seen yet (the provider rotated its keys).
 */
export class OidcVerifier {
  private keys = new Map<string, string>();
  private fetchedAt = 0;

  constructor(
    readonly settings: OidcSettings,
    private readonly jwt: JwtService,
  ) {}

  /** True when the token says this provider issued it. */
  issued(token: string): boolean {
    const decoded = this.jwt.decode(token) as { iss?: unknown } | null;
    return typeof decoded?.iss === 'string' && decoded.iss.replace(/\/$/, '') === this.settings.issuer;
  }

  async verify(token: string): Promise<Principal> {
    const header = (this.jwt.decode(token, { complete: true }) as { header?: { kid?: string } } | null)?.header;
    const key = await this.key(header?.kid);

    // jsonwebtoken directly: the platform's JwtService is bound to the local
    // HS256 key and would ignore the provider's public key.
    const claims = verify(token, key, {
      algorithms: ['RS256', 'ES256'],
      issuer: this.settings.issuer,
      ...(this.settings.audience ? { audience: this.settings.audience } : {}),
    }) as Record<string, unknown>;

    const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);
    return {
      sub: String(claims.sub),
      name: text('name') ?? text('preferred_username') ?? String(claims.sub),
      role: text(this.settings.roleClaim) as Role,
      unit: text(this.settings.unitClaim),
      township: text(this.settings.townshipClaim),
      exp: claims.exp,
    } as Principal;
  }

  private async key(kid: string | undefined): Promise<string> {
    const stale = Date.now() - this.fetchedAt > KEYS_TTL_MS;
    if (stale || (kid && !this.keys.has(kid))) await this.refresh();

    const key = kid ? this.keys.get(kid) : this.keys.values().next().value;
    if (!key) {
      throw new DomainError('AUTH.UNAUTHENTICATED', 'the token is signed with an unknown key', 'authorization');
    }
    return key;
  }

  private async refresh(): Promise<void> {
    const discovery = await getJson(`${this.settings.issuer}/.well-known/openid-configuration`);
    const jwks = await getJson(String(discovery.jwks_uri));
    const keys = new Map<string, string>();
    for (const jwk of (jwks.keys as Record<string, unknown>[]) ?? []) {
      if (jwk.use && jwk.use !== 'sig') continue;
      const pem = createPublicKey({ key: jwk as never, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      keys.set(String(jwk.kid ?? keys.size), pem);
    }
    this.keys = keys;
    this.fetchedAt = Date.now();
  }
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}
