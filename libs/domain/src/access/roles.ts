/** The people who use the platform, and what each may see. */
export type Role =
  | 'operator'
  | 'liaison'
  | 'township'
  | 'dispatcher'
  | 'supervisor'
  | 'admin';

export const ROLES: readonly Role[] = [
  'operator',
  'liaison',
  'township',
  'dispatcher',
  'supervisor',
  'admin',
];

export const ROLE_LABELS: Record<Role, string> = {
  operator: '话务员',
  liaison: '单位联络员',
  township: '镇街协调员',
  dispatcher: '区派遣员',
  supervisor: '区督查员',
  admin: '系统管理员',
};

/** A signed-in person: a liaison is bound to a unit, a coordinator to a township. */
export interface Principal {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
  readonly unit?: string;
  readonly township?: string;
}

/** Roles that may read a caller's phone and name unmasked (each read is audited). */
const UNMASKED_ROLES: readonly Role[] = ['operator', 'supervisor'];

export function mayReadCallerUnmasked(role: Role): boolean {
  return UNMASKED_ROLES.includes(role);
}

/** 138****1234: enough to confirm with the caller, not enough to call them. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 张** — the family name only. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
