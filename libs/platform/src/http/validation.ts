import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: ValidationError[], parent = ''): { field: string; code: string; detail: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, detail]) => ({
      field,
      code: `VALIDATION.${constraint.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`,
      detail,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * class-validator errors become one problem naming the first field at fault,
 * with every violation listed.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      const first = list[0] ?? { field: 'body', code: 'VALIDATION.INVALID', detail: 'invalid input' };
      return new BadRequestException({
        type: 'https://lianzhi.dev/problems/validation',
        title: 'VALIDATION',
        status: 400,
        detail: `${first.field}: ${first.detail}`,
        code: first.code,
        field: first.field,
        errors: list,
      });
    },
  });
}
