import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { Request, Response } from 'express';
import { isDomainError } from '@lianzhi/domain';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  field?: string;
  errors?: { field: string; code: string; detail: string }[];
}

/** The HTTP status of a domain error code, read from its shape. */
export function statusOf(code: string): number {
  if (code.startsWith('AUTH.UNAUTHENTICATED') || code === 'AUTH.INVALID_CREDENTIALS') {
    return HttpStatus.UNAUTHORIZED;
  }
  if (code.endsWith('.FORBIDDEN') || code.endsWith('.WRONG_UNIT') || code.startsWith('AUTH.')) {
    return HttpStatus.FORBIDDEN;
  }
  if (code.endsWith('.NOT_FOUND')) return HttpStatus.NOT_FOUND;
  if (
    code.startsWith('VALIDATION.') ||
    code.endsWith('.INVALID') ||
    code.endsWith('.REQUIRED') ||
    code.endsWith('.TOO_LONG') ||
    code.endsWith('.UNKNOWN')
  ) {
    return HttpStatus.BAD_REQUEST;
  }
  if (code.endsWith('.RATE_LIMITED')) return HttpStatus.TOO_MANY_REQUESTS;
  return HttpStatus.CONFLICT;
}

/**
 * Every error leaves the service as RFC 9457 problem details with a stable
 * code and, when one input is at fault, the field. Never a stack trace.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];

    if (problem.status >= 500) {
      this.logger.error({
        msg: 'unhandled error',
        error: (exception as Error)?.message,
        stack: (exception as Error)?.stack,
      });
    }
    if (problem.status === 429) response.setHeader('Retry-After', '60');
    response
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (isDomainError(exception)) {
      const status = statusOf(exception.code);
      return {
        type: `https://lianzhi.dev/problems/${exception.code.toLowerCase()}`,
        title: exception.code,
        status,
        detail: exception.message,
        code: exception.code,
        ...(exception.field ? { field: exception.field } : {}),
      };
    }

    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse() as Record<string, unknown> | string;
      if (typeof body === 'object' && body !== null && body.code) {
        return { ...(body as unknown as ProblemDetails), status };
      }
      const message = typeof body === 'string' ? body : String(body.message ?? exception.message);
      const malformed = status === 400 && /JSON|Unexpected token|Unexpected end/i.test(message);
      const code =
        status === 413 ? 'REQUEST.TOO_LARGE'
        : status === 404 ? 'ROUTE.NOT_FOUND'
        : status === 429 ? 'REQUEST.RATE_LIMITED'
        : status === 415 ? 'REQUEST.UNSUPPORTED_MEDIA_TYPE'
        : malformed ? 'REQUEST.MALFORMED'
        : `HTTP.${status}`;
      // Parser and throttler messages name library internals; say it plainly.
      const detail =
        status === 429 ? 'too many requests; try again in a minute'
        : malformed ? 'the request body is not valid JSON'
        : status === 415 ? 'send the body as application/json (UTF-8)'
        : message;
      if (malformed || status === 415) {
        return { type: `https://lianzhi.dev/problems/${code.toLowerCase()}`, title: code, status, detail, code, field: 'body' };
      }
      return {
        type: `https://lianzhi.dev/problems/${code.toLowerCase()}`,
        title: code,
        status,
        detail,
        code,
      };
    }

    // Errors raised by express's body parser carry a status of their own.
    const parserStatus = (exception as { status?: number; type?: string })?.status;
    if (parserStatus && parserStatus >= 400 && parserStatus < 500) {
      const code = parserStatus === 413 ? 'REQUEST.TOO_LARGE' : 'REQUEST.MALFORMED';
      return {
        type: `https://lianzhi.dev/problems/${code.toLowerCase()}`,
        title: code,
        status: parserStatus,
        detail: parserStatus === 413 ? 'the request body is too large' : 'the request body is not valid JSON',
        code,
        field: 'body',
      };
    }

    return {
      type: 'https://lianzhi.dev/problems/internal',
      title: 'INTERNAL',
      status: 500,
      detail: 'an internal error occurred; it has been logged',
      code: 'INTERNAL',
    };
  }
}
