import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * C0 and C1 control characters other than tab and line feed, and lone UTF-16
 * surrogates: none of them can be typed by a person, and a lone surrogate
 * cannot be stored as UTF-8 without being altered.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** Length as a person counts it: one emoji or one 汉字 is one character. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^(?:0\d{2,3})?[2-9]\d{6,7}(?:-\d{1,6})?$/;

/** A mainland mobile number or a landline, with or without area code. */
export function isMainlandPhone(phone: string): boolean {
  const compact = phone.replace(/[\s()]/g, '');
  if (MOBILE.test(compact.replace(/-/g, ''))) return true;
  const [main, extension] = splitExtension(compact);
  const digits = main.replace(/-/g, '');
  return LANDLINE.test(extension ? `${digits}-${extension}` : digits);
}

function splitExtension(phone: string): [string, string | undefined] {
  const match = /^(.*\d{7,})-(\d{1,6})$/.exec(phone);
  if (match && match[1].replace(/-/g, '').length >= 10) return [match[1], match[2]];
  return [phone, undefined];
}

export function NoControlCharacters(options?: ValidationOptions) {
  return rule('noControlCharacters', options, (value) =>
    typeof value !== 'string' ? true : !hasForbiddenCharacters(value),
    '$property contains control characters (only tab and line feed are allowed)',
  );
}

export function MaxChars(max: number, options?: ValidationOptions) {
  return rule(
    'maxLength',
    options,
    (value) => typeof value !== 'string' || characterCount(value) <= max,
    `$property must be at most ${max} characters`,
  );
}

export function NotBlank(options?: ValidationOptions) {
  return rule(
    'isNotEmpty',
    options,
    (value) => typeof value === 'string' && value.trim().length > 0,
    '$property must not be empty',
  );
}

export function IsMainlandPhone(options?: ValidationOptions) {
  return rule(
    'isPhone',
    options,
    (value) => typeof value === 'string' && isMainlandPhone(value),
    '$property must be a mainland mobile (11 digits) or landline number',
  );
}

function rule(
  name: string,
  options: ValidationOptions | undefined,
  check: (value: unknown) => boolean,
  message: string,
) {
  return (target: object, property: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: property,
      options: { message, ...options },
      validator: { validate: check },
    });
}
