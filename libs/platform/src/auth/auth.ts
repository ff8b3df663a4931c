import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError, Principal, Role, ROLES } from '@lianzhi/domain';
import { OIDC_SETTINGS, OidcSettings, OidcVerifier } from './oidc';

export const PUBLIC_KEY = 'lianzhi:public';
const VERIFIED_TOKENS = 10_000;

/** When a token stops being valid, in epoch milliseconds (NaN without exp). */
function expiry(principal: Principal): number {
  const exp = (principal as { exp?: unknown }).exp;
  return typeof exp === 'number' ? exp * 1000 : NaN;
}
export const ROLES_KEY = 'lianzhi:roles';

/** Open to anyone: progress lookup, Open311, sign-in, health. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the endpoint; scope is checked by the use case. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest().user,
);

/**
 * Every endpoint needs a valid bearer token unless marked @Public(), and a
 * role listed by @Roles() when it has one.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly oidc: OidcVerifier | null;

  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    @Optional() @Inject(OIDC_SETTINGS) settings: OidcSettings | null = null,
  ) {
    this.oidc = settings ? new OidcVerifier(settings, jwt) : null;
  }

  /**
   * Tokens already verified, until they expire: a client sends the same
   * token with every request, and checking its signature each time is a
   * good part of a request's cost.
   */
  private readonly verified = new Map<string, Principal>();

  private remember(token: string, principal: Principal): void {
    if (!Number.isFinite(expiry(principal))) return;
    if (this.verified.size >= VERIFIED_TOKENS) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, principal);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = ctx.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) {
      throw new DomainError('AUTH.UNAUTHENTICATED', 'sign in first: no bearer token', 'authorization');
    }

    let principal = this.verified.get(token);
    if (principal && expiry(principal) <= Date.now()) {
      this.verified.delete(token);
      principal = undefined;
    }
    if (!principal) {
      try {
        principal = this.oidc?.issued(token)
          ? await this.oidc.verify(token)
          : await this.jwt.verifyAsync<Principal>(token);
      } catch {
        throw new DomainError('AUTH.UNAUTHENTICATED', 'the token is invalid or expired', 'authorization');
      }
      this.remember(token, principal);
    }
    if (typeof (principal as { exp?: unknown }).exp !== 'number') {
      // A token that never expires is a key that can never be taken back.
      throw new DomainError('AUTH.UNAUTHENTICATED', 'the token has no expiry', 'authorization');
    }
    if (!ROLES.includes(principal.role)) {
      throw new DomainError('AUTH.UNAUTHENTICATED', 'the token names no known role', 'authorization');
    }
    request.user = principal;

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (allowed && !allowed.includes(principal.role)) {
      throw new DomainError('AUTH.FORBIDDEN', `the role ${principal.role} may not do this`);
    }
    return true;
  }
}
