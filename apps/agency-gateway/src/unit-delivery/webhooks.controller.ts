import { randomBytes, randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { DomainError, Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { unitOf } from '../assignments/assignment-scope';
import { GATEWAY_SETTINGS, GatewaySettings } from '../gateway.settings';
import { checkWebhookUrl, describeProblem } from './webhook-address';

export class CreateWebhookDto {
  /**
   * http(s), without a username or password, and (unless
   * GATEWAY_WEBHOOK_ALLOW_PRIVATE=1) not a loopback, private, link-local or
   * unspecified address nor localhost: checked by `checkWebhookUrl`.
   */
  @ApiProperty({ example: 'https://unit.example/lianzhi/events' })
  @IsString()
  @MaxLength(2048)
  url: string;

  /** Generated when not given; shown only in the answer to this request. */
  @ApiPropertyOptional({ minLength: 16, maxLength: 256 })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;
}

interface SubscriptionRow {
  subscription_id: string;
  unit: string;
  url: string;
  created_at: Date;
}

/** A unit's own systems subscribe to the unit's events by webhook. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('liaison')
@Controller('webhooks')
export class WebhooksController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  @Post()
  async create(@Body() body: CreateWebhookDto, @CurrentUser() user: Principal) {
    const unit = unitOf(user);
    const problem = checkWebhookUrl(body.url, this.settings.webhookAllowPrivate);
    if (problem) {
      throw new DomainError(
        problem === 'malformed' ? 'VALIDATION.IS_URL' : 'VALIDATION.URL_NOT_ALLOWED',
        describeProblem(problem),
        'url',
      );
    }

    const secret = body.secret ?? randomBytes(32).toString('hex');
    const [row]: SubscriptionRow[] = await this.dataSource.query(
      `insert into gateway.webhook_subscriptions
         (subscription_id, unit, url, secret, created_by)
       values ($1, $2, $3, $4, $5)
       returning *`,
      [randomUUID(), unit, body.url, secret, user.sub],
    );
    return { ...view(row), secret };
  }

  @Get()
  async list(@CurrentUser() user: Principal) {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `select * from gateway.webhook_subscriptions
        where unit = $1 and deleted_at is null order by created_at`,
      [unitOf(user)],
    );
    return { items: rows.map(view) };
  }

  @Delete(':subscriptionId')
  @HttpCode(204)
  async remove(
    @Param('subscriptionId', new ParseUUIDPipe()) subscriptionId: string,
    @CurrentUser() user: Principal,
  ): Promise<void> {
    await this.own(subscriptionId, user);
    await this.dataSource.query(
      `update gateway.webhook_subscriptions set deleted_at = now()
        where subscription_id = $1`,
      [subscriptionId],
    );
  }

  /** The attempt log: every try, its answer, and what is still pending. */
  @Get(':subscriptionId/attempts')
  async attempts(
    @Param('subscriptionId', new ParseUUIDPipe()) subscriptionId: string,
    @CurrentUser() user: Principal,
  ) {
    await this.own(subscriptionId, user);
    const attempts = await this.dataSource.query(
      `select a.*, d.event_type, d.state
         from gateway.webhook_attempts a
         join gateway.webhook_deliveries d using (delivery_id)
        where a.subscription_id = $1
        order by a.attempt_id desc
        limit 500`,
      [subscriptionId],
    );
    const [counts] = await this.dataSource.query(
      `select count(*) filter (where state = 'pending')::int as pending,
              count(*) filter (where state = 'dead')::int as dead
         from gateway.webhook_deliveries
        where subscription_id = $1`,
      [subscriptionId],
    );
    return {
      pending: counts.pending,
      /** Deliveries given up: they will not be attempted again. */
      dead: counts.dead,
      items: attempts.map((a: Record<string, unknown>) => ({
        id: String(a.attempt_id),
        deliveryId: a.delivery_id,
        eventId: a.event_id,
        eventType: a.event_type,
        attempt: a.attempt,
        attemptedAt: (a.attempted_at as Date).toISOString(),
        statusCode: a.status_code,
        error: a.error,
        durationMs: a.duration_ms,
        ok: a.status_code !== null && a.error === null,
      })),
    };
  }

  private async own(subscriptionId: string, user: Principal): Promise<void> {
    const [row] = await this.dataSource.query(
      `select unit from gateway.webhook_subscriptions
        where subscription_id = $1 and deleted_at is null`,
      [subscriptionId],
    );
    if (!row || row.unit !== unitOf(user)) {
      throw new DomainError(
        'WEBHOOK.NOT_FOUND',
        'no such webhook subscription for your unit',
        'subscriptionId',
      );
    }
  }
}

function view(row: SubscriptionRow) {
  return {
    id: row.subscription_id,
    subscriptionId: row.subscription_id,
    unit: row.unit,
    url: row.url,
    createdAt: row.created_at.toISOString(),
  };
}
