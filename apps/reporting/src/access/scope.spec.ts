import { Principal } from '@lianzhi/domain';
import { authorizeScope, parseScope } from './scope';

const liaison: Principal = {
  sub: 'l',
  name: 'l',
  role: 'liaison',
  unit: 'chengguan',
};
const coordinator: Principal = {
  sub: 't',
  name: 't',
  role: 'township',
  township: 'gulou',
};
const supervisor: Principal = { sub: 's', name: 's', role: 'supervisor' };

describe('dashboard scope', () => {
  it('gives a liaison their own unit when they ask for nothing', () => {
    expect(authorizeScope(liaison, undefined)).toEqual({
      kind: 'unit',
      code: 'chengguan',
    });
  });

  it('refuses a liaison another unit or the district', () => {
    expect(() => authorizeScope(liaison, 'unit:gongan')).toThrow(
      expect.objectContaining({ code: 'SCOPE.FORBIDDEN' }),
    );
    expect(() => authorizeScope(liaison, 'district')).toThrow(
      expect.objectContaining({ code: 'SCOPE.FORBIDDEN' }),
    );
  });

  it('keeps a township coordinator to their township', () => {
    expect(authorizeScope(coordinator, 'township:gulou')).toEqual({
      kind: 'township',
      code: 'gulou',
    });
    expect(() => authorizeScope(coordinator, 'township:longqiao')).toThrow(
      expect.objectContaining({ code: 'SCOPE.FORBIDDEN' }),
    );
  });

  it('lets the district roles choose any scope', () => {
    expect(authorizeScope(supervisor, 'unit:gongan')).toEqual({
      kind: 'unit',
      code: 'gongan',
    });
  });

  it('rejects a malformed scope naming the field', () => {
    expect(() => parseScope('unit:')).toThrow(
      expect.objectContaining({ field: 'scope' }),
    );
  });
});
