import { DEPARTMENTS, Role, TOWNSHIPS, UTILITIES } from '@lianzhi/domain';

export const DEMO_PASSWORD = 'demo1234';

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unit?: string;
  readonly township?: string;
}

/**
 * One demo account per role, a liaison per member unit (`<unit>1`) and a
 * coordinator per township (`<township>1`), all with DEMO_PASSWORD.
 */
export function demoUsers(): DemoUser[] {
  return [
    { username: 'op1', displayName: '话务员一', role: 'operator' },
    { username: 'dispatch1', displayName: '区派遣员一', role: 'dispatcher' },
    { username: 'super1', displayName: '区督查员一', role: 'supervisor' },
    { username: 'admin1', displayName: '系统管理员', role: 'admin' },
    ...[...DEPARTMENTS, ...UTILITIES].map((u) => ({
      username: `${u.code.replace(/-/g, '')}1`,
      displayName: `${u.name}联络员`,
      role: 'liaison' as const,
      unit: u.code,
    })),
    ...TOWNSHIPS.map((t) => ({
      username: `${t.code.replace(/-/g, '')}1`,
      displayName: `${t.name}协调员`,
      role: 'township' as const,
      township: t.code,
    })),
  ];
}
