import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseFilters,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, findUnit, isDomainError } from '@lianzhi/domain';
import { Public, RateLimited } from '@lianzhi/platform';
import { RESIDENT_ACTOR } from '../cases/actor';
import { CreateComplaintHandler } from '../create-complaint/create-complaint.handler';
import { MatterCatalogue } from '../matters/matter-catalogue';
import { STATUS_LABELS, ProgressStatus } from '../track-progress/progress';
import { Open311ErrorFilter } from './open311-error.filter';
import { complaintFromOpen311 } from './open311-request';

interface RequestRow {
  case_number: string;
  category: string | null;
  received_at: Date;
  status: ProgressStatus | null;
  units: string[] | null;
  updated_at: Date | null;
}

const MAX_LISTED = 200;

/**
 * Open311 GeoReport v2: the matter types as services, complaints in as
 * service requests, their status out. The service request id is the case
 * number a resident would quote on the phone.
 *
 * LIMITATION: description, address and media are not echoed back by the
 * GET endpoints, because they are public and may hold personal details.
 */
@ApiTags('open311')
@Controller('open311/v2')
@Public()
@RateLimited()
@UseFilters(Open311ErrorFilter)
export class Open311Controller {
  constructor(
    private readonly matters: MatterCatalogue,
    private readonly createComplaint: CreateComplaintHandler,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('services.json')
  @ApiOperation({ summary: 'GeoReport v2: the matter types as services' })
  services() {
    return this.matters.all().map((m) => ({
      service_code: m.code,
      service_name: m.label,
      description: m.label,
      metadata: false,
      type: 'realtime',
      keywords: '',
      group: m.group,
    }));
  }

  @Post('requests.json')
  @HttpCode(201)
  @ApiOperation({
    summary: 'GeoReport v2: submit a service request (form or JSON)',
    description:
      'service_code, description, and address_string or lat/long are ' +
      'required; first_name, last_name and phone identify the caller.',
  })
  async create(@Body() body: Record<string, unknown>) {
    const input = complaintFromOpen311(body ?? {});
    try {
      const { response } = await this.createComplaint.execute(input, RESIDENT_ACTOR);
      return [
        {
          service_request_id: response.body.caseNumber,
          service_notice: '已受理，可凭编号查询办理进度',
          account_id: null,
        },
      ];
    } catch (error) {
      if (isDomainError(error) && error.field === 'category') {
        throw new DomainError('SERVICE.UNKNOWN', `unknown service_code ${input.category}`, 'service_code');
      }
      throw error;
    }
  }

  @Get('requests/:id.json')
  @ApiOperation({ summary: 'GeoReport v2: one service request' })
  async one(@Param('id') id: string) {
    const rows = await this.find([id]);
    if (rows.length === 0) {
      throw new DomainError('REQUEST.NOT_FOUND', `no service request ${id}`, 'service_request_id');
    }
    return rows.map((r) => this.view(r));
  }

  @Get('requests.json')
  @ApiOperation({
    summary: 'GeoReport v2: service requests by id, or the latest by filter',
  })
  async list(@Query() query: Record<string, unknown>) {
    const ids = typeof query.service_request_id === 'string' ? query.service_request_id : '';
    if (ids) {
      const wanted = ids.split(',').map((s) => s.trim()).filter(Boolean).slice(0, MAX_LISTED);
      return (await this.find(wanted)).map((r) => this.view(r));
    }
    const rows = await this.latest(query);
    return rows.map((r) => this.view(r));
  }

  private find(caseNumbers: string[]): Promise<RequestRow[]> {
    return this.dataSource.query(
      `select c.case_number, c.category, c.received_at, p.status, p.units, p.updated_at
         from intake.cases c
         left join intake.case_progress p on p.case_id = c.id
        where c.case_number = any($1::text[])
        order by c.received_at`,
      [caseNumbers],
    );
  }

  private latest(query: Record<string, unknown>): Promise<RequestRow[]> {
    const text = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : null);
    const end = instant(text('end_date'), 'end_date') ?? new Date();
    const start =
      instant(text('start_date'), 'start_date') ?? new Date(end.getTime() - 90 * 86400_000);
    const status = text('status');
    if (status && status !== 'open' && status !== 'closed') {
      throw new DomainError('VALIDATION.INVALID', 'status is open or closed', 'status');
    }
    return this.dataSource.query(
      `select c.case_number, c.category, c.received_at, p.status, p.units, p.updated_at
         from intake.cases c
         left join intake.case_progress p on p.case_id = c.id
        where c.received_at between $1 and $2
          and ($3::text[] is null or c.category = any($3::text[]))
          and ($4::text is null
               or ($4 = 'closed') = (coalesce(p.status, 'received') = 'closed'))
        order by c.received_at desc
        limit ${MAX_LISTED}`,
      [start, end, text('service_code')?.split(',') ?? null, status],
    );
  }

  private view(row: RequestRow) {
    const status = row.status ?? 'received';
    const matter = row.category ? this.matters.find(row.category) : undefined;
    return {
      service_request_id: row.case_number,
      status: status === 'closed' ? 'closed' : 'open',
      status_notes: STATUS_LABELS[status],
      service_name: matter?.label ?? null,
      service_code: row.category,
      agency_responsible: (row.units ?? []).map((u) => findUnit(u)?.name ?? u).join('、') || null,
      service_notice: null,
      requested_datetime: row.received_at.toISOString(),
      updated_datetime: (row.updated_at ?? row.received_at).toISOString(),
      expected_datetime: null,
      address: null,
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    };
  }
}

function instant(value: string | null, field: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new DomainError('VALIDATION.INVALID', `${field} is not a date`, field);
  }
  return date;
}
