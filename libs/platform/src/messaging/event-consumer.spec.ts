import { DomainError } from '@lianzhi/domain';
import { isPermanent } from './event-consumer';

describe('which failures a consumer dead-letters instead of retrying', () => {
  it('dead-letters a broken domain rule', () => {
    expect(isPermanent(new DomainError('CASE.ALREADY_RECEIVED', 'twice'))).toBe(true);
  });

  it('dead-letters data PostgreSQL refuses, such as a NUL in text', () => {
    const refused = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      driverError: { code: '22021' },
    });
    expect(isPermanent(refused)).toBe(true);
    expect(isPermanent(Object.assign(new Error('unsupported Unicode escape'), { code: '22P05' }))).toBe(true);
  });

  it('retries what may pass later: a lost connection, a server shutting down, a deadlock', () => {
    expect(isPermanent(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(false);
    expect(isPermanent(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(false);
    expect(isPermanent(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
  });
});
