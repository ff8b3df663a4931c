import { Principal } from '@lianzhi/domain';
import { mayRead, notVisible } from './assignment-scope';

const assignment = { unit: 'chengguan', township: 'longqiao' };
const as = (p: Partial<Principal>): Principal => ({
  sub: 'u',
  name: 'n',
  role: 'liaison',
  ...p,
});

describe('who may see an assignment', () => {
  it('lets a liaison see only the unit’s assignments', () => {
    expect(mayRead(as({ unit: 'chengguan' }), assignment)).toBe(true);
    expect(mayRead(as({ unit: 'zhujian' }), assignment)).toBe(false);
    expect(mayRead(as({}), assignment)).toBe(false);
  });

  it('lets a township coordinator see only the township’s assignments', () => {
    expect(mayRead(as({ role: 'township', township: 'longqiao' }), assignment)).toBe(true);
    expect(mayRead(as({ role: 'township', township: 'gulou' }), assignment)).toBe(false);
  });

  it('lets the district see everything and operators nothing here', () => {
    expect(mayRead(as({ role: 'dispatcher' }), assignment)).toBe(true);
    expect(mayRead(as({ role: 'supervisor' }), assignment)).toBe(true);
    expect(mayRead(as({ role: 'operator' }), assignment)).toBe(false);
  });

  it('answers scoped roles the same for another unit’s and a missing assignment', () => {
    expect(notVisible(as({ unit: 'zhujian' })).code).toBe('ASSIGNMENT.WRONG_UNIT');
    expect(notVisible(as({ role: 'township', township: 'gulou' })).code).toBe(
      'ASSIGNMENT.WRONG_UNIT',
    );
    expect(notVisible(as({ role: 'dispatcher' })).code).toBe('ASSIGNMENT.NOT_FOUND');
  });
});
