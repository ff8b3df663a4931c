import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { Response } from 'express';
import { isDomainError } from '@lianzhi/domain';
import { statusOf } from '@lianzhi/platform';

export interface Open311Error {
  readonly code: number;
  readonly description: string;
}

/** GeoReport v2 answers errors as `[{ code, description }]`, not problem details. */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(Open311ErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, description } = describe(exception);
    if (status >= 500) {
      this.logger.error({ msg: 'open311 error', error: (exception as Error)?.message });
    }
    const body: Open311Error[] = [{ code: status, description }];
    response.status(status).json(body);
  }
}

function describe(exception: unknown): { status: number; description: string } {
  if (isDomainError(exception)) {
    const field = exception.field ? `${exception.field}: ` : '';
    return { status: statusOf(exception.code), description: field + exception.message };
  }
  if (exception instanceof HttpException) {
    const body = exception.getResponse() as { detail?: string; message?: unknown } | string;
    const detail =
      typeof body === 'string' ? body : (body.detail ?? String(body.message ?? exception.message));
    return { status: exception.getStatus(), description: detail };
  }
  const parser = exception as { status?: number };
  if (parser?.status && parser.status >= 400 && parser.status < 500) {
    return { status: parser.status, description: 'the request body cannot be read' };
  }
  return { status: 500, description: 'an internal error occurred' };
}
