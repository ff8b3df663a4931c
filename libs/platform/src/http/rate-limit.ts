import { applyDecorators, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Limits how often one address may call a public endpoint (progress lookup,
 * Open311, sign-in): RATE_LIMIT_PER_MINUTE, default 120.
 */
export const RateLimited = () => applyDecorators(UseGuards(ThrottlerGuard));
