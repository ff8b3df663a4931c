import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { DomainError } from '@lianzhi/domain';
import { CreateComplaintDto } from '../create-complaint/create-complaint.dto';

/** The fields of a GeoReport v2 service request intake understands. */
const OPEN311_FIELDS: Record<string, string> = {
  category: 'service_code',
  description: 'description',
  'address.text': 'address_string',
  'caller.phone': 'phone',
  'caller.name': 'first_name',
  'attachments.0.url': 'media_url',
};

/**
 * Maps a GeoReport v2 request (form or JSON) to a complaint on the open311
 * channel, checked by the same rules as any other complaint. Errors name
 * the Open311 field.
 */
export function complaintFromOpen311(body: Record<string, unknown>): CreateComplaintDto {
  const text = (name: string): string | undefined => {
    const value = body[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw invalid(name, 'must be text');
    }
    return String(value);
  };

  const serviceCode = text('service_code');
  if (!serviceCode) throw required('service_code');

  const lat = coordinate(text('lat'), 'lat', 90);
  const long = coordinate(text('long'), 'long', 180);
  if ((lat === undefined) !== (long === undefined)) {
    throw required(lat === undefined ? 'lat' : 'long');
  }
  const address =
    text('address_string') ??
    (lat !== undefined ? `${lat},${long}` : undefined) ??
    text('address_id');
  if (!address) throw required('address_string');

  const name = [text('first_name'), text('last_name')].filter(Boolean).join('');
  const phone = text('phone');
  const mediaUrl = text('media_url');

  const plain = {
    category: serviceCode,
    description: text('description'),
    address: { text: address },
    channel: 'open311',
    ...(name || phone
      ? { caller: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } }
      : {}),
    ...(mediaUrl
      ? {
          attachments: [
            { name: 'media', contentType: 'application/octet-stream', size: 0, url: mediaUrl },
          ],
        }
      : {}),
  };
  const dto = plainToInstance(CreateComplaintDto, plain);
  const [first] = flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (first) {
    const field = OPEN311_FIELDS[first.field] ?? first.field;
    const property = first.field.split('.').pop() ?? first.field;
    throw new DomainError('VALIDATION.INVALID', first.detail.replace(property, field), field);
  }
  return dto;
}

function coordinate(value: string | undefined, field: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > max) throw invalid(field, 'is not a coordinate');
  return n;
}

function required(field: string): DomainError {
  return new DomainError('VALIDATION.REQUIRED', `${field} is required`, field);
}

function invalid(field: string, why: string): DomainError {
  return new DomainError('VALIDATION.INVALID', `${field} ${why}`, field);
}

function flatten(errors: ValidationError[], parent = ''): { field: string; detail: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((detail) => ({ field, detail }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
